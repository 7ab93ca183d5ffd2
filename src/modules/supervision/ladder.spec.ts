import { Role } from '../../platform/auth/role';
import { ladderLevel, overdueDays, recipientsBetween, recipientsFor } from './ladder';
import { parsePeriod, previousPeriod } from './report.service';
import { ReportKind } from './supervision.enums';
import { canReadTask, taskScopeSql } from './supervision.access';

const cfg = { level2Days: 3, level3Days: 7 };
const due = new Date('2026-11-12T02:00:00Z');
const at = (iso: string) => new Date(iso);

describe('escalation ladder', () => {
  it('levels by lateness: 0 before due, 1 once overdue, 2 after more than 3 days, 3 after more than 7', () => {
    expect(ladderLevel(due, at('2026-11-12T02:00:00Z'), cfg)).toBe(0);
    expect(ladderLevel(due, at('2026-11-12T02:00:01Z'), cfg)).toBe(1);
    expect(ladderLevel(due, at('2026-11-15T02:00:00Z'), cfg)).toBe(1);
    expect(ladderLevel(due, at('2026-11-15T02:00:01Z'), cfg)).toBe(2);
    expect(ladderLevel(due, at('2026-11-19T02:00:00Z'), cfg)).toBe(2);
    expect(ladderLevel(due, at('2026-11-19T02:00:01Z'), cfg)).toBe(3);
    expect(ladderLevel(due, at('2026-11-14T00:00:00Z'), { level2Days: 1, level3Days: 2 })).toBe(2);
    expect(overdueDays(due, at('2026-11-15T03:00:00Z'))).toBe(3);
  });

  it('notifies assignees, lead department and township, then the leading-group office, then 督办督查局 and 纪委监委', () => {
    const item = { leadDepartmentCode: 'HEALTH', townshipCode: '520122101', assigneeIds: ['u1'] };
    expect(recipientsFor(1, item)).toEqual({
      userIds: ['u1'],
      departmentCodes: ['HEALTH'],
      townshipCodes: ['520122101'],
      roles: [],
    });
    expect(recipientsFor(2, item)).toEqual({
      userIds: [],
      departmentCodes: ['EDU'],
      townshipCodes: [],
      roles: [Role.COUNTY_ADMIN],
    });
    expect(recipientsFor(3, item)).toEqual({
      userIds: [],
      departmentCodes: ['INSPECTION_OFFICE', 'DISCIPLINE'],
      townshipCodes: [],
      roles: [Role.DISCIPLINE_SUPERVISOR],
    });
    // A jump from 1 to 3 tells levels 2 and 3, not level 1 again.
    expect(recipientsBetween(1, 3, item)).toEqual({
      userIds: [],
      departmentCodes: ['EDU', 'INSPECTION_OFFICE', 'DISCIPLINE'],
      townshipCodes: [],
      roles: [Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR],
    });
  });
});

describe('task access', () => {
  const task = {
    leadDepartmentCode: 'EDU',
    cooperatingDepartmentCodes: ['FIRE_RESCUE'],
    assigneeIds: ['a1'],
    townshipCode: '520122001',
  };
  const user = (role: Role, extra: Record<string, string> = {}) => ({
    kind: 'user' as const,
    userId: 'x',
    username: 'x',
    role,
    ...extra,
  });

  it('lets departments (lead or co-operating), assignees, the township and county-wide readers see a task', () => {
    expect(canReadTask(user(Role.INSPECTOR, { departmentCode: 'FIRE_RESCUE' }), task)).toBe(true);
    expect(canReadTask(user(Role.INSPECTOR, { departmentCode: 'HEALTH' }), task)).toBe(false);
    expect(canReadTask({ ...user(Role.INSPECTOR, { departmentCode: 'HEALTH' }), userId: 'a1' }, task)).toBe(true);
    expect(canReadTask(user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122001' }), task)).toBe(true);
    expect(canReadTask(user(Role.TOWNSHIP_OFFICER, { townshipCode: '520122002' }), task)).toBe(false);
    expect(canReadTask(user(Role.DISCIPLINE_SUPERVISOR), task)).toBe(true);
    expect(canReadTask(user(Role.SCHOOL_ADMIN, { schoolId: 's' }), task)).toBe(false);
    expect(canReadTask({ kind: 'anonymous' }, task)).toBe(false);
    expect(taskScopeSql(user(Role.SCHOOL_ADMIN, { schoolId: 's' }), 't').sql).toBe('FALSE');
  });
});

describe('report periods', () => {
  it('parses months and quarters in business time', () => {
    expect(parsePeriod('2026-12', 'Asia/Shanghai')).toMatchObject({
      kind: ReportKind.MONTHLY,
      firstDate: '2026-12-01',
      lastDate: '2026-12-31',
      from: at('2026-11-30T16:00:00Z'),
      to: at('2026-12-31T16:00:00Z'),
    });
    expect(parsePeriod('2026-q1', 'Asia/Shanghai')).toMatchObject({
      kind: ReportKind.QUARTERLY,
      period: '2026-Q1',
      firstDate: '2026-01-01',
      lastDate: '2026-03-31',
    });
    expect(() => parsePeriod('2026-13', 'Asia/Shanghai')).toThrow('The input is not valid');
  });

  it('reports on the period just ended', () => {
    expect(previousPeriod(ReportKind.MONTHLY, at('2026-12-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-12'); // 1 January 01:00 local
    expect(previousPeriod(ReportKind.MONTHLY, at('2026-12-31T15:00:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(previousPeriod(ReportKind.QUARTERLY, at('2027-01-01T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-Q4');
    expect(previousPeriod(ReportKind.QUARTERLY, at('2026-04-01T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-Q1');
  });
});
