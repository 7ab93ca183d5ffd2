import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

export const taskNotFound = (id: string): NotFound =>
  new NotFound(text(`Supervision task ${id}`, `督导任务 ${id}`), 'TASK_NOT_FOUND');
export const findingNotFound = (id: string): NotFound =>
  new NotFound(text(`Finding ${id}`, `检查发现 ${id}`), 'FINDING_NOT_FOUND');
export const orderNotFound = (id: string): NotFound =>
  new NotFound(text(`Rectification order ${id}`, `整改通知 ${id}`), 'RECTIFICATION_ORDER_NOT_FOUND');
export const campaignNotFound = (id: string): NotFound =>
  new NotFound(text(`Campaign ${id}`, `专项行动 ${id}`), 'CAMPAIGN_NOT_FOUND');
export const reportNotFound = (id: string): NotFound =>
  new NotFound(text(`Report ${id}`, `报告 ${id}`), 'REPORT_NOT_FOUND');

/** The task commands, in Chinese. */
const TASK_COMMANDS: Record<string, string> = {
  assigned: '指派',
  started: '开始',
  submitted: '提交',
  accepted: '验收通过',
  returned: '退回',
  closed: '关闭',
  cancelled: '取消',
  'given findings (start it first)': '录入检查发现（请先开始任务）',
};

/** A lifecycle command the task's current state does not allow; the message names the state. */
export const illegalTaskTransition = (current: string, command: string): Conflict =>
  new Conflict(
    'ILLEGAL_TASK_TRANSITION',
    text(
      `The task is ${current}; it cannot be ${command}`,
      `该督导任务状态为 ${current}，不能${TASK_COMMANDS[command] ?? `执行 ${command}`}`,
    ),
  );

export const orderAlreadyCompleted = (id: string): Conflict =>
  new Conflict(
    'RECTIFICATION_ORDER_COMPLETED',
    text(`Rectification order ${id} is already completed`, `整改通知 ${id} 已整改完成`),
  );

/** An assignee who is not an active inspector or officer of the task's departments, nor a township officer of its township. */
export const invalidAssignee = (message: Text): DomainError =>
  new DomainError('INVALID_ASSIGNEE', message, 400, [{ path: 'assigneeIds', message }]);
