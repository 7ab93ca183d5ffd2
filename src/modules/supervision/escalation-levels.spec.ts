import { DAY_MS, ladderLevel, overdueDays, recipientsBetween } from './ladder';

const due = new Date('2026-11-12T16:00:00Z'); // end of 12 November, Asia/Shanghai
const after = (ms: number) => new Date(due.getTime() + ms);

describe('escalation level by lateness', () => {
  const cfg = { level2Days: 3, level3Days: 7 };

  it.each([
    { what: 'a day early', lateness: -DAY_MS, level: 0 },
    { what: 'at the due instant', lateness: 0, level: 0 },
    { what: 'one millisecond late', lateness: 1, level: 1 },
    { what: 'exactly three days late', lateness: 3 * DAY_MS, level: 1 },
    { what: 'just over three days late', lateness: 3 * DAY_MS + 1, level: 2 },
    { what: 'exactly seven days late', lateness: 7 * DAY_MS, level: 2 },
    { what: 'just over seven days late', lateness: 7 * DAY_MS + 1, level: 3 },
    { what: 'a year late', lateness: 365 * DAY_MS, level: 3 },
  ])('$what is level $level', ({ lateness, level }) => {
    expect(ladderLevel(due, after(lateness), cfg)).toBe(level);
  });

  it('follows the configured thresholds', () => {
    expect(ladderLevel(due, after(DAY_MS + 1), { level2Days: 1, level3Days: 5 })).toBe(2);
    expect(ladderLevel(due, after(5 * DAY_MS + 1), { level2Days: 1, level3Days: 5 })).toBe(3);
    // Equal thresholds skip level 2.
    expect(ladderLevel(due, after(2 * DAY_MS + 1), { level2Days: 2, level3Days: 2 })).toBe(3);
  });

  it('counts whole days overdue, 0 before and on the first day', () => {
    expect(
      [-DAY_MS, 0, 1, DAY_MS - 1, DAY_MS, 2 * DAY_MS + 5, 10 * DAY_MS].map((ms) => overdueDays(due, after(ms))),
    ).toEqual([0, 0, 0, 0, 1, 2, 10]);
  });

  it('notifies nobody when the level does not rise', () => {
    const item = { leadDepartmentCode: 'EDU', townshipCode: null, assigneeIds: ['u1'] };
    expect(recipientsBetween(2, 2, item)).toEqual({ userIds: [], departmentCodes: [], townshipCodes: [], roles: [] });
    expect(recipientsBetween(0, 1, item)).toEqual({
      userIds: ['u1'],
      departmentCodes: ['EDU'],
      townshipCodes: [],
      roles: [],
    });
  });
});
