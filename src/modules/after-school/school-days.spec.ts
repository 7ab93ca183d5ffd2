import { isWeekday, schoolDaysBetween } from './after-school.rules';

/** A county calendar around National Day 2026 and the 2027 winter vacation (dates chosen for the test). */
const calendar = [
  { kind: 'PUBLIC_HOLIDAY', startDate: '2026-10-01', endDate: '2026-10-07' }, // Thursday to Wednesday
  { kind: 'ADJUSTED_WORKDAY', startDate: '2026-09-27', endDate: '2026-09-27' }, // a Sunday worked
  { kind: 'ADJUSTED_WORKDAY', startDate: '2026-10-10', endDate: '2026-10-10' }, // a Saturday worked
  { kind: 'WINTER_VACATION', startDate: '2027-01-23', endDate: '2027-02-21' },
  { kind: 'ADJUSTED_WORKDAY', startDate: '2027-02-20', endDate: '2027-02-20' }, // a Saturday inside the vacation
];

describe('school days (working days with the county calendar)', () => {
  it('knows the weekdays', () => {
    expect(['2026-11-23', '2026-11-27', '2026-11-28', '2026-11-29'].map(isWeekday)).toEqual([true, true, false, false]);
  });

  it('counts Monday to Friday without a calendar, across month and year ends', () => {
    expect(schoolDaysBetween('2026-12-28', '2027-01-04', [])).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-04',
    ]);
  });

  it('works an adjusted Sunday and Saturday, and drops the weekday holidays', () => {
    expect(schoolDaysBetween('2026-09-26', '2026-10-12', calendar)).toEqual([
      '2026-09-27',
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
  });

  it('lets the vacation win over an adjusted workday inside it', () => {
    expect(schoolDaysBetween('2027-02-15', '2027-02-23', calendar)).toEqual(['2027-02-22', '2027-02-23']);
  });

  it('treats the range as inclusive and answers nothing for an empty or all-holiday range', () => {
    expect(schoolDaysBetween('2026-10-08', '2026-10-08', calendar)).toEqual(['2026-10-08']);
    expect(schoolDaysBetween('2026-10-09', '2026-10-08', calendar)).toEqual([]);
    expect(schoolDaysBetween('2026-10-01', '2026-10-07', calendar)).toEqual([]);
  });

  it('ignores calendar kinds it does not know', () => {
    expect(
      schoolDaysBetween('2026-11-23', '2026-11-23', [
        { kind: 'SPORTS_DAY', startDate: '2026-11-23', endDate: '2026-11-23' },
      ]),
    ).toEqual(['2026-11-23']);
  });
});
