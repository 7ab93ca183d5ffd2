import { Conflict, NotFound, TooManyRequests } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

export const complaintNotFound = (): NotFound => new NotFound(text('Complaint', '投诉'), 'COMPLAINT_NOT_FOUND');

/** The complaint commands, in the words of each language's message. */
const COMMANDS: Record<string, string> = {
  accept: '受理',
  refuse: '不予受理',
  assign: '交办',
  reassign: '改派',
  investigate: '调查',
  'reply to': '答复',
  extend: '延长办理期限',
  close: '办结',
  reopen: '重新办理',
  'request an investigation task for': '发起调查任务',
  'request a review of': '申请复查',
  'reply as the institution to': '以机构身份答复',
};

/** The command does not apply to the complaint's current status. */
export const invalidComplaintTransition = (command: string, status: string): Conflict =>
  new Conflict(
    'INVALID_COMPLAINT_TRANSITION',
    text(
      `Cannot ${command} a complaint that is ${status}`,
      `状态为 ${status} 的投诉不能${COMMANDS[command] ?? `执行 ${command}`}`,
    ),
  );

export const deadlineAlreadyExtended = (): Conflict =>
  new Conflict(
    'DEADLINE_ALREADY_EXTENDED',
    text(
      'The handling deadline has already been extended once (《信访工作条例》 Art. 34)',
      '办理期限已延长过一次，不能再次延长（《信访工作条例》第三十四条）',
    ),
  );

/** A complaint is reviewed (复查) once. */
export const reviewAlreadyRequested = (): Conflict =>
  new Conflict(
    'REVIEW_ALREADY_REQUESTED',
    text(
      'A review of this complaint has already been requested (复查 is once; 《信访工作条例》 Art. 35)',
      '该投诉已申请过复查，复查只能申请一次（《信访工作条例》第三十五条）',
    ),
  );

/** The 30 days after the written reply have passed. */
export const reviewWindowClosed = (lastDay: string): Conflict =>
  new Conflict(
    'REVIEW_WINDOW_CLOSED',
    text(
      `A review had to be requested within 30 days of the reply, by ${lastDay} (《信访工作条例》 Art. 35)`,
      `复查须在收到答复之日起 30 日内（${lastDay} 前）申请，现已逾期（《信访工作条例》第三十五条）`,
    ),
  );

export { institutionNotFound } from '../registry';

/** Too many public submissions from one client address. */
export const tooManySubmissions = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    text(
      `Too many complaints submitted from this address; retry after ${retryAfterSeconds} s`,
      `该地址提交投诉过于频繁，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );

/** Too many public progress look-ups (complaintStatus) from one client address. */
export const tooManyStatusLookups = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    text(
      `Too many complaint progress look-ups from this address; retry after ${retryAfterSeconds} s`,
      `该地址查询投诉办理进度过于频繁，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );
