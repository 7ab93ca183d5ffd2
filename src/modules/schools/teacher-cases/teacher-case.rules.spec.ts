import { TeacherCaseOutcome, TeacherCaseStatus } from './entities/teacher-case.entity';
import { isOverdue, outcomeProblems, outcomeRecipients } from './teacher-case.rules';

describe('teacher case rules', () => {
  const paths = (cmd: { outcome: string; reason: string }) => outcomeProblems(cmd).list.map((p) => p.path);

  it('accepts a known outcome with its reasons', () => {
    expect(paths({ outcome: 'WARNING', reason: '经查属实，予以批评教育' })).toEqual([]);
  });

  it('refuses an unknown outcome, a blank reason and an overlong one, each on its field', () => {
    expect(paths({ outcome: 'FIRED', reason: 'x' })).toEqual(['outcome']);
    expect(paths({ outcome: 'DISMISSED', reason: '   ' })).toEqual(['reason']);
    expect(paths({ outcome: 'DISMISSED', reason: 'x'.repeat(2001) })).toEqual(['reason']);
    expect(paths({ outcome: '', reason: '' })).toEqual(['outcome', 'reason']);
  });

  it('is overdue only while open and only after the decision day', () => {
    const open = { status: TeacherCaseStatus.OPEN, decisionDueOn: '2026-03-31' };
    expect(isOverdue(open, '2026-03-31')).toBe(false);
    expect(isOverdue(open, '2026-04-01')).toBe(true);
    expect(isOverdue({ ...open, status: TeacherCaseStatus.DECIDED }, '2026-04-01')).toBe(false);
  });

  it('tells the discipline commission only of a referral', () => {
    expect(outcomeRecipients(TeacherCaseOutcome.SANCTION_REFERRED).discipline).toBe(true);
    expect(outcomeRecipients(TeacherCaseOutcome.WARNING).discipline).toBe(false);
    expect(outcomeRecipients(TeacherCaseOutcome.DISMISSED).discipline).toBe(false);
  });
});
