import { Injectable } from '@nestjs/common';
import { Role, scopeKindOf } from '../../platform/auth/role';
import { DomainError } from '../../platform/errors/domain-error';
import { UUID } from '../../platform/ids/uuid';
import { ReferenceFacade } from '../reference';
import { InstitutionStatus, InstitutionSummary, RegistryFacade } from '../registry';
import { User } from './entities/user.entity';
import { invalidScope } from './identity.errors';
import { UserScope } from './identity.types';
import { Text, text } from '../../platform/i18n/text';

/** An INSTITUTION_ADMIN acts for an institution licensed and not closed: approved (not yet operating) or operating. */
export const ADMINISTRABLE_INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
];

const SCOPE_NAMES: Record<'department' | 'township' | 'school' | 'institution', Text> = {
  department: text('an existing department code', '已有部门的代码'),
  township: text('an existing township code', '已有乡镇的代码'),
  school: text('the id of an existing school', '已有学校的 id'),
  institution: text('the id of an approved or operating institution', '已审批或正在营业的机构的 id'),
};

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
      if (scope)
        throw invalidScope(text(`${role} works county-wide and takes no scope`, `${role} 面向全县，不需要范围`));
      return none;
    }
    if (!scope)
      throw invalidScope(
        text(`${role} needs a scope: ${SCOPE_NAMES[kind].en}`, `${role} 须指定范围：${SCOPE_NAMES[kind].zh}`),
      );
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
    throw invalidScope(
      text(
        `${role} needs ${SCOPE_NAMES[kind].en}; "${scope}" is not one`,
        `${role} 须指定${SCOPE_NAMES[kind].zh}；“${scope}”不符合`,
      ),
    );
  }
}
