import { Problems } from '../../../platform/errors/problems';
import { text } from '../../../platform/i18n/text';
import { TeacherCaseOutcome, TeacherCaseStatus } from './entities/teacher-case.entity';

/** The longest reason or note kept (characters). */
export const MAX_TEXT = 2000;

/** The problems of an outcome as given: a known outcome, and a reason (required, at most MAX_TEXT). */
export function outcomeProblems(cmd: { outcome: string; reason: string }): Problems {
  const problems = new Problems();
  if (!(Object.values(TeacherCaseOutcome) as string[]).includes(cmd.outcome))
    problems.add(
      'outcome',
      text('DISMISSED, WARNING or SANCTION_REFERRED', '须为 DISMISSED、WARNING 或 SANCTION_REFERRED'),
    );
  const reason = cmd.reason.trim();
  if (!reason) problems.add('reason', text('an outcome needs its reasons', '处理结果须说明理由'));
  else if (reason.length > MAX_TEXT)
    problems.add('reason', text(`at most ${MAX_TEXT} characters`, `不超过 ${MAX_TEXT} 个字符`));
  return problems;
}

/** An open case whose decision day has passed (the business date `today` is after `decisionDueOn`). */
export function isOverdue(c: { status: TeacherCaseStatus; decisionDueOn: string }, today: string): boolean {
  return c.status === TeacherCaseStatus.OPEN && c.decisionDueOn < today;
}

/** Who is told what when an outcome is recorded: the school always, the discipline commission on referral. */
export function outcomeRecipients(outcome: TeacherCaseOutcome): { school: true; discipline: boolean } {
  return { school: true, discipline: outcome === TeacherCaseOutcome.SANCTION_REFERRED };
}

export const OUTCOME_LABEL: Readonly<Record<TeacherCaseOutcome, string>> = {
  DISMISSED: '不予处理（查无实据）',
  WARNING: '批评教育/警告',
  SANCTION_REFERRED: '移送纪委监委处理',
};
