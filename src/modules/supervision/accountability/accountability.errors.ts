import { Conflict, NotFound } from '../../../platform/errors/domain-error';
import { text } from '../../../platform/i18n/text';

export const accountabilityCaseNotFound = (id: string): NotFound =>
  new NotFound(text(`Accountability case ${id}`, `问责案件 ${id}`), 'ACCOUNTABILITY_CASE_NOT_FOUND');

/** A statement or decision on a case that is already decided (or a second statement). */
export const accountabilityCaseClosed = (id: string, status: string): Conflict =>
  new Conflict(
    'ACCOUNTABILITY_CASE_STATE',
    text(
      `Accountability case ${id} is ${status}; it takes no further statement or decision`,
      `问责案件 ${id} 状态为 ${status}，不能再提交情况说明或作出处理决定`,
    ),
  );

/** A decision while the party may still give its statement (before the statement deadline). */
export const statementStillDue = (id: string, dueAt: Date): Conflict =>
  new Conflict(
    'ACCOUNTABILITY_STATEMENT_PENDING',
    text(
      `The party held in accountability case ${id} may give its statement until ${dueAt.toISOString()}; decide after it does or after that`,
      `问责案件 ${id} 的问责对象可在 ${dueAt.toISOString()} 前提交情况说明，请在其提交或期限届满后再作出处理决定`,
    ),
  );
