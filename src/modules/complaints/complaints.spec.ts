import { complaintScope, isAssignedOfficer, mayHandle, mayRoute } from './complaints.access';
import { calendarDeadline, extendDeadline } from './deadlines';
import { maskName, maskPhone } from './masking';
import { COMPLAINT_ROUTING, route } from './routing';
import { ComplaintCategory } from './complaint.enums';
import { TRACKING_PATTERN, newTrackingNumber, normaliseTrackingNumber } from './tracking-number';

describe('complaint rules', () => {
  it('counts calendar days in Asia/Shanghai, ending at the end of the last day', () => {
    // 2026-03-01 23:30 local is 15:30 UTC; 15 days later is 16 March, due at 17 March 00:00 local.
    const d = calendarDeadline(new Date('2026-03-01T15:30:00Z'), 15, 'Asia/Shanghai');
    expect(d.dueDate).toBe('2026-03-16');
    expect(d.dueAt.toISOString()).toBe('2026-03-16T16:00:00.000Z');
    // 00:30 local on 2 March is still 1 March in UTC: the local date counts.
    expect(calendarDeadline(new Date('2026-03-01T16:30:00Z'), 15, 'Asia/Shanghai').dueDate).toBe('2026-03-17');
    expect(calendarDeadline(new Date('2026-03-01T04:00:00Z'), 60, 'Asia/Shanghai').dueDate).toBe('2026-04-30');
  });

  it('extends a due instant by whole days', () => {
    expect(extendDeadline(new Date('2026-03-16T16:00:00Z'), 30, 'Asia/Shanghai').toISOString()).toBe(
      '2026-04-15T16:00:00.000Z',
    );
  });

  it('masks contacts', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('123')).toBe('*23');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
  });

  it('issues unguessable tracking numbers from the unambiguous alphabet', () => {
    const numbers = new Set(Array.from({ length: 2000 }, () => newTrackingNumber()));
    expect(numbers.size).toBe(2000);
    for (const n of numbers) expect(n).toMatch(TRACKING_PATTERN);
    // Bytes above the unbiased limit are skipped, not folded onto the alphabet.
    const biased = newTrackingNumber((size) => Buffer.from(Array.from({ length: size }, (_, i) => (i % 2 ? 255 : 0))));
    expect(biased).toBe('TS222222222222');
    expect(normaliseTrackingNumber(' ts2345 6789abcd ')).toBe('TS23456789ABCD');
  });

  it('routes by duty holders, leaving the township pseudo department and the lead out of the co-operators', () => {
    expect(route(['EDU', 'TOWNSHIP'], ['EDU'], [])).toEqual({ leadDepartmentCode: 'EDU', coDepartmentCodes: [] });
    expect(route(['MARKET_REGULATION'], ['EDU'], [['URBAN_ENFORCEMENT']])).toEqual({
      leadDepartmentCode: 'MARKET_REGULATION',
      coDepartmentCodes: ['URBAN_ENFORCEMENT'],
    });
    expect(route([], ['EDU'], [['MARKET_REGULATION', 'EDU']])).toEqual({
      leadDepartmentCode: 'EDU',
      coDepartmentCodes: ['MARKET_REGULATION'],
    });
    expect(() => route([], [], [])).toThrow();
    expect(Object.keys(COMPLAINT_ROUTING).sort()).toEqual(Object.values(ComplaintCategory).sort());
  });
});

describe('complaint access', () => {
  const user = (role: string, scope: Record<string, string> = {}) => ({
    kind: 'user' as const,
    userId: 'u',
    username: 'u',
    role: role as never,
    ...scope,
  });
  const c = {
    townshipCode: '520122001',
    leadDepartmentCode: 'MARKET_REGULATION',
    coDepartmentCodes: ['URBAN_ENFORCEMENT'],
  };

  it('scopes reading in SQL by role, department and township', () => {
    expect(complaintScope(user('COUNTY_ADMIN')).kind).toBe('all');
    expect(complaintScope(user('DISCIPLINE_SUPERVISOR')).kind).toBe('all');
    expect(complaintScope(user('DEPARTMENT_OFFICER', { departmentCode: 'PETITIONS' })).kind).toBe('all');
    expect(complaintScope(user('DEPARTMENT_OFFICER', { departmentCode: 'TAX' }))).toMatchObject({
      kind: 'where',
      params: { scopeDept: 'TAX' },
    });
    expect(complaintScope(user('TOWNSHIP_OFFICER', { townshipCode: '520122001' }))).toMatchObject({
      kind: 'where',
      params: { scopeTownship: '520122001' },
    });
    expect(complaintScope(user('SCHOOL_ADMIN', { schoolId: 's' })).kind).toBe('none');
    // The institution side: the complaints about its own institution; without one, none.
    expect(complaintScope(user('INSTITUTION_ADMIN', { institutionId: 'i-1' }))).toMatchObject({
      kind: 'where',
      sql: 'c.institution_id = :scopeInstitution',
      params: { scopeInstitution: 'i-1' },
    });
    expect(complaintScope(user('INSTITUTION_ADMIN')).kind).toBe('none');
    expect(mayHandle(user('INSTITUTION_ADMIN', { institutionId: 'i-1' }), c)).toBe(false);
    expect(mayRoute(user('INSTITUTION_ADMIN', { institutionId: 'i-1' }), c)).toBe(false);
    expect(complaintScope({ kind: 'anonymous' }).kind).toBe('none');
  });

  it('lets routing departments route, assigned departments and the township handle, and only assigned officers see contacts', () => {
    expect(mayRoute(user('DEPARTMENT_OFFICER', { departmentCode: 'EDU' }), c)).toBe(true);
    expect(mayRoute(user('DEPARTMENT_OFFICER', { departmentCode: 'MARKET_REGULATION' }), c)).toBe(true);
    expect(mayRoute(user('DEPARTMENT_OFFICER', { departmentCode: 'URBAN_ENFORCEMENT' }), c)).toBe(false);
    expect(mayRoute(user('TOWNSHIP_OFFICER', { townshipCode: '520122001' }), c)).toBe(false);
    expect(mayHandle(user('TOWNSHIP_OFFICER', { townshipCode: '520122001' }), c)).toBe(true);
    expect(mayHandle(user('TOWNSHIP_OFFICER', { townshipCode: '520122002' }), c)).toBe(false);
    expect(mayHandle(user('INSPECTOR', { departmentCode: 'URBAN_ENFORCEMENT' }), c)).toBe(true);
    expect(mayHandle(user('DEPARTMENT_OFFICER', { departmentCode: 'EDU' }), c)).toBe(false);
    expect(isAssignedOfficer(user('DEPARTMENT_OFFICER', { departmentCode: 'URBAN_ENFORCEMENT' }), c)).toBe(true);
    expect(isAssignedOfficer(user('COUNTY_ADMIN'), c)).toBe(false);
    expect(isAssignedOfficer(user('TOWNSHIP_OFFICER', { townshipCode: '520122001' }), c)).toBe(false);
  });
});
