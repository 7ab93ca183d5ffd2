import { quarterStart } from './dashboard-targets.service';

describe('dashboard targets window', () => {
  it('a quarter to date starts on the first of its quarter', () => {
    expect(quarterStart('2026-11-29')).toBe('2026-10-01');
    expect(quarterStart('2026-03-31')).toBe('2026-01-01');
    expect(quarterStart('2026-07-01')).toBe('2026-07-01');
    expect(quarterStart('2026-12-31')).toBe('2026-10-01');
  });
});
