import { TaskStatus } from './supervision.enums';

/** The lifecycle commands of a supervision task, by the verb its audit action and refusal name. */
export type TaskCommand = 'assigned' | 'started' | 'submitted' | 'accepted' | 'returned' | 'closed' | 'cancelled';

/**
 * The statuses each command may start from (ASSIGNED → IN_PROGRESS → SUBMITTED → ACCEPTED → CLOSED, a
 * submission RETURNED back to work, CANCELLED from any status before CLOSED); any other status refuses
 * the command with ILLEGAL_TASK_TRANSITION. Re-assigning keeps the status.
 */
export const TASK_COMMAND_FROM: Record<TaskCommand, TaskStatus[]> = {
  assigned: [TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED],
  started: [TaskStatus.ASSIGNED, TaskStatus.RETURNED],
  submitted: [TaskStatus.IN_PROGRESS],
  accepted: [TaskStatus.SUBMITTED],
  returned: [TaskStatus.SUBMITTED],
  closed: [TaskStatus.ACCEPTED],
  cancelled: [
    TaskStatus.ASSIGNED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.SUBMITTED,
    TaskStatus.RETURNED,
    TaskStatus.ACCEPTED,
  ],
};

/** Whether a task in `status` accepts `command`. */
export function taskCommandAllowed(command: TaskCommand, status: TaskStatus): boolean {
  return TASK_COMMAND_FROM[command].includes(status);
}
