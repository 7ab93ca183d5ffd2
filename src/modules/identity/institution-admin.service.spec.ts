import { UserPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { DomainError } from '../../platform/errors/domain-error';
import { ReferenceFacade } from '../reference';
import { InstitutionStatus, InstitutionSummary } from '../registry';
import { INSTITUTION_SUPERVISION_DUTY, InstitutionAdminService } from './institution-admin.service';

const user = (role: Role, scope: Partial<UserPrincipal> = {}): UserPrincipal => ({
  kind: 'user',
  userId: 'u',
  username: 'u',
  role,
  ...scope,
});
const institution = (competentDepartmentCode: string): InstitutionSummary => ({
  id: 'i',
  name: '机构',
  creditCode: 'c',
  category: 'NON_SUBJECT',
  nonSubjectKind: 'ARTS',
  status: InstitutionStatus.OPERATING,
  townshipCode: '520122001',
  gridCode: null,
  competentDepartmentCode,
});
const codeOf = async (p: Promise<void> | (() => void)): Promise<string> => {
  try {
    if (typeof p === 'function') p();
    else await p;
    return 'ALLOWED';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('who creates institution administrators', () => {
  const reference = {
    departmentsWithDuty: jest.fn(async (duty: string) => (duty === INSTITUTION_SUPERVISION_DUTY ? ['EDU'] : [])),
  } as unknown as ReferenceFacade;
  const service = new InstitutionAdminService(reference, {} as never, {} as never, {} as never);

  it('admits the county office, the system and officers of the supervising department, before any look-up', async () => {
    expect(await codeOf(service.assertMayCreateAny(user(Role.COUNTY_ADMIN)))).toBe('ALLOWED');
    expect(await codeOf(service.assertMayCreateAny({ kind: 'system', name: 'cli' }))).toBe('ALLOWED');
    expect(await codeOf(service.assertMayCreateAny(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' })))).toBe(
      'ALLOWED',
    );
    for (const actor of [
      user(Role.DEPARTMENT_OFFICER, { departmentCode: 'FIRE_RESCUE' }),
      user(Role.INSPECTOR, { departmentCode: 'EDU' }),
      user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122001' }),
      user(Role.DISCIPLINE_SUPERVISOR),
      user(Role.INSTITUTION_ADMIN, { institutionId: 'i' }),
    ])
      expect(await codeOf(service.assertMayCreateAny(actor))).toBe('INSTITUTION_ADMIN_FORBIDDEN');
  });

  it('lets an officer create them only for institutions whose competent department is theirs', async () => {
    const edu = user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' });
    expect(await codeOf(() => service.assertMayCreateFor(edu, institution('EDU')))).toBe('ALLOWED');
    expect(await codeOf(() => service.assertMayCreateFor(edu, institution('CIVIL_AFFAIRS')))).toBe(
      'INSTITUTION_ADMIN_FORBIDDEN',
    );
    expect(await codeOf(() => service.assertMayCreateFor(user(Role.COUNTY_ADMIN), institution('CIVIL_AFFAIRS')))).toBe(
      'ALLOWED',
    );
  });
});
