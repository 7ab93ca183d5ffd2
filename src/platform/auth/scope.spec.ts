import { SelectQueryBuilder } from 'typeorm';
import { ANONYMOUS, Principal, UserPrincipal, systemPrincipal } from './principal';
import { Role } from './role';
import { applyScope, inScope, scopeCondition } from './scope';

const user = (role: Role, scope: Partial<UserPrincipal> = {}): UserPrincipal => ({
  kind: 'user',
  userId: 'u1',
  username: 'u',
  role,
  ...scope,
});
const columns = { township: 'i.township_code', department: 'i.department_code', school: 'i.school_id' };

describe('scopeCondition', () => {
  it('leaves the county-wide roles and the service itself unrestricted', () => {
    expect(scopeCondition(user(Role.COUNTY_ADMIN), columns)).toEqual({ kind: 'all' });
    expect(scopeCondition(user(Role.DISCIPLINE_SUPERVISOR), columns)).toEqual({ kind: 'all' });
    expect(scopeCondition(systemPrincipal('cli'), {})).toEqual({ kind: 'all' });
  });

  it('restricts each scoped role to its own column and value', () => {
    expect(scopeCondition(user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122001' }), columns)).toEqual({
      kind: 'where',
      sql: 'i.township_code = :__scope_township',
      params: { __scope_township: '520122001' },
    });
    expect(scopeCondition(user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' }), columns)).toMatchObject({
      sql: 'i.department_code = :__scope_department',
      params: { __scope_department: 'EDU' },
    });
    expect(scopeCondition(user(Role.INSPECTOR, { departmentCode: 'FIRE_RESCUE' }), columns)).toMatchObject({
      params: { __scope_department: 'FIRE_RESCUE' },
    });
    expect(scopeCondition(user(Role.SCHOOL_ADMIN, { schoolId: 's-1' }), columns)).toMatchObject({
      sql: 'i.school_id = :__scope_school',
      params: { __scope_school: 's-1' },
    });
    expect(scopeCondition({ kind: 'bank', bankCode: 'ICBC', keyId: 'k' }, { bank: 'a.bank_code' })).toMatchObject({
      params: { __scope_bank: 'ICBC' },
    });
  });

  it('shows nothing when the query has no column for the role, the scope is missing, or nobody logged in', () => {
    expect(scopeCondition(user(Role.SCHOOL_ADMIN, { schoolId: 's-1' }), { township: 't.code' })).toEqual({
      kind: 'none',
    });
    expect(scopeCondition(user(Role.TOWNSHIP_OFFICER), columns)).toEqual({ kind: 'none' });
    expect(scopeCondition(ANONYMOUS, columns)).toEqual({ kind: 'none' });
    expect(scopeCondition({ kind: 'bank', bankCode: 'ICBC', keyId: 'k' }, columns)).toEqual({ kind: 'none' });
  });

  it('lets a query open itself to more roles', () => {
    const officer = user(Role.DEPARTMENT_OFFICER, { departmentCode: 'EDU' });
    expect(scopeCondition(officer, { school: 's.id' })).toEqual({ kind: 'none' });
    expect(scopeCondition(officer, { school: 's.id' }, { countyWide: [Role.DEPARTMENT_OFFICER] })).toEqual({
      kind: 'all',
    });
  });
});

describe('applyScope', () => {
  const fakeQb = () => {
    const calls: unknown[][] = [];
    const qb = { andWhere: (...args: unknown[]) => (calls.push(args), qb) };
    return { qb: qb as unknown as SelectQueryBuilder<object>, calls };
  };

  it('adds the condition, a false condition, or nothing', () => {
    const scoped = fakeQb();
    applyScope(scoped.qb, user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122100' }), columns);
    expect(scoped.calls).toEqual([['i.township_code = :__scope_township', { __scope_township: '520122100' }]]);
    const none = fakeQb();
    applyScope(none.qb, ANONYMOUS, columns);
    expect(none.calls).toEqual([['1 = 0']]);
    const all = fakeQb();
    applyScope(all.qb, user(Role.COUNTY_ADMIN), columns);
    expect(all.calls).toEqual([]);
  });
});

describe('inScope', () => {
  it('applies the same rule to a loaded record', () => {
    const record = { township: '520122001', school: 's-1' };
    const cases: [Principal, boolean][] = [
      [user(Role.COUNTY_ADMIN), true],
      [user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122001' }), true],
      [user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122100' }), false],
      [user(Role.SCHOOL_ADMIN, { schoolId: 's-1' }), true],
      [user(Role.SCHOOL_ADMIN, { schoolId: 's-2' }), false],
      [user(Role.INSPECTOR, { departmentCode: 'EDU' }), false],
      [ANONYMOUS, false],
    ];
    for (const [principal, expected] of cases) expect(inScope(principal, record)).toBe(expected);
  });
});
