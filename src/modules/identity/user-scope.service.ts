import { Injectable } from '@nestjs/common';
import { Role, scopeKindOf } from '../../platform/auth/role';
import { DomainError } from '../../platform/errors/domain-error';
import { UUID } from '../../platform/ids/uuid';
import { ReferenceFacade } from '../reference';
import { InstitutionStatus, InstitutionSummary, RegistryFacade } from '../registry';
import { User } from './entities/user.entity';
import { invalidScope } from './identity.errors';
import { UserScope } from './identity.types';

/** An INSTITUTION_ADMIN acts for an institution licensed and not closed: approved (not yet operating) or operating. */
export const ADMINISTRABLE_INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
];

const SCOPE_NAMES = {
  department: 'an existing department code',
  township: 'an existing township code',
  school: 'the id of an existing school',
  institution: 'the id of an approved or operating institution',
} as const;

export const scopeOf = (u: User): UserScope => ({
  departmentCode: u.departmentCode,
  townshipCode: u.townshipCode,
  schoolId: u.schoolId,
  institutionId: u.institutionId,
});

/** Resolves the scope a role needs (a department, township, school or institution) against the reference data and the registry. */
@Injectable()
export class UserScopeService {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
  ) {}

  /** The scope columns a role needs, checked against the reference data (and the registry for an institution). */
  async resolve(
    role: Role,
    value: string | null | undefined,
    checkInstitution?: (institution: InstitutionSummary) => void,
  ): Promise<UserScope> {
    const scope = value?.trim() || undefined;
    const none: UserScope = { departmentCode: null, townshipCode: null, schoolId: null, institutionId: null };
    const kind = scopeKindOf(role);
    if (kind === 'county') {
      if (scope) throw invalidScope(`${role} works county-wide and takes no scope`);
      return none;
    }
    if (!scope) throw invalidScope(`${role} needs a scope: ${SCOPE_NAMES[kind]}`);
    try {
      if (kind === 'department') return { ...none, departmentCode: (await this.reference.getDepartment(scope)).code };
      if (kind === 'township') return { ...none, townshipCode: (await this.reference.getTownship(scope)).code };
      if (kind === 'institution') {
        const institution = await this.registry.findInstitution({ id: scope });
        if (institution && ADMINISTRABLE_INSTITUTION_STATUSES.includes(institution.status)) {
          checkInstitution?.(institution);
          return { ...none, institutionId: institution.id };
        }
      } else if (UUID.test(scope) && (await this.reference.schoolExists(scope)))
        return { ...none, schoolId: scope.toLowerCase() };
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 404) throw error;
    }
    throw invalidScope(`${role} needs ${SCOPE_NAMES[kind]}; "${scope}" is not one`);
  }
}
