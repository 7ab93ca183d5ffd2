import { Conflict, Forbidden, NotFound } from '../../../platform/errors/domain-error';
import { text } from '../../../platform/i18n/text';

export const burdenDemandNotFound = (id: string): NotFound =>
  new NotFound(text(`Teacher-burden demand ${id}`, `教师负担事项 ${id}`), 'BURDEN_DEMAND_NOT_FOUND');

const ACTIONS = { withdrawn: ['withdrawn', '撤回'], disputed: ['disputed', '提出审批异议'] } as const;

/** The demand's state does not allow the command (already withdrawn; not a declared approval). */
export const burdenDemandConflict = (state: string, action: keyof typeof ACTIONS): Conflict =>
  new Conflict(
    'BURDEN_DEMAND_STATE_CONFLICT',
    text(
      `A demand that is ${state} cannot be ${ACTIONS[action][0]}`,
      `状态为 ${state} 的事项不能${ACTIONS[action][1]}`,
    ),
  );

export const burdenRecorderOnly = (): Forbidden =>
  new Forbidden(
    text(
      "Only the school's administrator records and withdraws its teacher-burden demands",
      '只有本校管理员可以登记或撤回本校的教师负担事项',
    ),
  );

export const burdenDisputerOnly = (): Forbidden =>
  new Forbidden(
    text(
      'Only the county inspection office (INSPECTION_OFFICE) or the county office disputes an approval',
      '只有县教育督导室（INSPECTION_OFFICE）或县"双减"办可以对审批文号提出异议',
    ),
  );
