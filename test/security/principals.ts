import { seedReferenceDemo, XIFENG } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { createInstitution } from '../factories/registry.factory';
import { TestApp } from '../support/test-app';

/**
 * The callers of the authorization matrix: anonymous and each role, the department officer twice (in and out
 * of EDU); the institution administrator acts for an operating institution made for it.
 */
export const CALLERS = [
  'ANONYMOUS',
  'COUNTY_ADMIN',
  'DEPT_EDU',
  'DEPT_FIRE',
  'TOWNSHIP_OFFICER',
  'SCHOOL_ADMIN',
  'INSPECTOR',
  'DISCIPLINE_SUPERVISOR',
  'INSTITUTION_ADMIN',
] as const;
export type Caller = (typeof CALLERS)[number];

/** Seeds the demo reference data (schools) and an institution, and logs one user in per caller; ANONYMOUS has no token. */
export async function loginCallers(
  t: TestApp,
): Promise<Record<Caller, string | undefined> & { schoolId: string; institutionId: string }> {
  await t.dataSource.transaction((em) =>
    seedReferenceDemo(
      em,
      t.runtime.config.security.piiHashKey,
      XIFENG.townships.map((x) => x.code),
    ),
  );
  const [school] = await t.dataSource.query(`SELECT id FROM school WHERE code = 'DEMO-S001'`);
  const institution = await createInstitution(t);
  const token = async (role: Role, scope?: string) => (await t.loginAs(role, scope)).token;
  return {
    schoolId: school.id,
    institutionId: institution.id,
    ANONYMOUS: undefined,
    COUNTY_ADMIN: await token(Role.COUNTY_ADMIN),
    DEPT_EDU: await token(Role.DEPARTMENT_OFFICER, 'EDU'),
    DEPT_FIRE: await token(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE'),
    TOWNSHIP_OFFICER: await token(Role.TOWNSHIP_OFFICER, '520122001'),
    SCHOOL_ADMIN: await token(Role.SCHOOL_ADMIN, school.id),
    INSPECTOR: await token(Role.INSPECTOR, 'EDU'),
    DISCIPLINE_SUPERVISOR: await token(Role.DISCIPLINE_SUPERVISOR),
    INSTITUTION_ADMIN: await token(Role.INSTITUTION_ADMIN, institution.id),
  };
}

/** Denied at a gate: not logged in, or forbidden (FORBIDDEN or a module's *_FORBIDDEN). */
export function isDeniedCode(code: unknown): boolean {
  return (
    code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || (typeof code === 'string' && code.endsWith('_FORBIDDEN'))
  );
}
