import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { canReadTask, taskScopeSql } from '../supervision.access';
import { canReadCase, caseScopeSql, partyHeld, speaksForParty } from './accountability.access';
import { AccountabilityPartyKind } from './accountability.enums';

const user = (role: Role, extra: Partial<{ departmentCode: string; townshipCode: string }> = {}): Principal => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'u',
  role,
  ...extra,
});
const EDU = { kind: AccountabilityPartyKind.DEPARTMENT, code: 'EDU' };
const TOWNSHIP = { kind: AccountabilityPartyKind.TOWNSHIP, code: '520122001' };

describe('accountability: who is held to account', () => {
  it('holds the lead department, the department a task targets, or the township the inspection office targets', () => {
    expect(partyHeld({ leadDepartmentCode: 'EDU', townshipCode: '520122001' })).toEqual(EDU);
    expect(
      partyHeld({
        leadDepartmentCode: 'EDU',
        townshipCode: '520122001',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
      }),
    ).toEqual(EDU);
    expect(
      partyHeld({
        leadDepartmentCode: 'INSPECTION_OFFICE',
        townshipCode: null,
        targetKind: 'DEPARTMENT',
        targetId: 'EDU',
      }),
    ).toEqual(EDU);
    expect(
      partyHeld({ leadDepartmentCode: 'EDU', townshipCode: null, targetKind: 'DEPARTMENT', targetId: 'HEALTH' }),
    ).toEqual({
      kind: AccountabilityPartyKind.DEPARTMENT,
      code: 'HEALTH',
    });
    expect(
      partyHeld({
        leadDepartmentCode: 'INSPECTION_OFFICE',
        townshipCode: '520122001',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
      }),
    ).toEqual(TOWNSHIP);
    expect(
      partyHeld({
        leadDepartmentCode: 'INSPECTION_OFFICE',
        townshipCode: null,
        targetKind: 'INSTITUTION',
        targetId: 'x',
      }),
    ).toEqual({
      kind: AccountabilityPartyKind.DEPARTMENT,
      code: 'INSPECTION_OFFICE',
    });
  });
});

describe('accountability: who reads a case and speaks for its party', () => {
  it('reads in memory as in SQL: county office, discipline, inspection office and commission all; a party its own', () => {
    const cases: [Principal, boolean, boolean][] = [
      [user(Role.COUNTY_ADMIN), true, true],
      [user(Role.DISCIPLINE_SUPERVISOR), true, true],
      [user(Role.DEPARTMENT_OFFICER, { departmentCode: 'INSPECTION_OFFICE' }), true, true],
      [user(Role.DEPARTMENT_OFFICER, { departmentCode: 'DISCIPLINE' }), true, true],
      [user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), true, false],
      [user(Role.DEPARTMENT_OFFICER, { departmentCode: 'HEALTH' }), false, false],
      [user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122001' }), false, true],
      [user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122002' }), false, false],
      [user(Role.INSPECTOR, { departmentCode: 'EDU' }), false, false],
      [user(Role.SCHOOL_ADMIN), false, false],
      [{ kind: 'anonymous' }, false, false],
    ];
    for (const [actor, edu, township] of cases) {
      expect([canReadCase(actor, EDU), canReadCase(actor, TOWNSHIP)]).toEqual([edu, township]);
      const sql = caseScopeSql(actor, 'c').sql;
      if (edu && township) expect(sql).toBe('TRUE');
      if (actor.kind !== 'user' || [Role.INSPECTOR, Role.SCHOOL_ADMIN].includes(actor.role)) expect(sql).toBe('FALSE');
    }
    expect(caseScopeSql(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), 'c')).toEqual({
      sql: `(c.party_kind = 'DEPARTMENT' AND c.party_code = :__a_dept)`,
      params: { __a_dept: 'EDU' },
    });
  });

  it('lets only the party’s own officers give its statement', () => {
    expect(speaksForParty(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), EDU)).toBe(true);
    expect(speaksForParty(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'INSPECTION_OFFICE' }), EDU)).toBe(false);
    expect(speaksForParty(user(Role.INSPECTOR, { departmentCode: 'EDU' }), EDU)).toBe(false);
    expect(speaksForParty(user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122001' }), TOWNSHIP)).toBe(true);
    expect(speaksForParty(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), TOWNSHIP)).toBe(false);
  });
});

describe('tasks against a department', () => {
  const task = {
    leadDepartmentCode: 'INSPECTION_OFFICE',
    cooperatingDepartmentCodes: [],
    assigneeIds: [],
    townshipCode: null,
    targetKind: 'DEPARTMENT',
    targetId: 'EDU',
  };
  it('are read by the officers of the department targeted, and by no other department', () => {
    expect(canReadTask(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), task)).toBe(true);
    expect(canReadTask(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'HEALTH' }), task)).toBe(false);
    expect(
      canReadTask(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), { ...task, targetKind: 'SCHOOL' }),
    ).toBe(false);
    expect(taskScopeSql(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), 't').sql).toContain(
      `t.target_kind = 'DEPARTMENT' AND t.target_id = :__s_dept`,
    );
  });
});
