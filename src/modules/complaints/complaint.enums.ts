/** Complaint categories (投诉类别); each picks its departments from the routing table (routing.ts). */
export enum ComplaintCategory {
  FALSE_ADVERTISING = 'FALSE_ADVERTISING', // 虚假宣传
  FIRE_SAFETY = 'FIRE_SAFETY', // 消防安全
  TEACHER_PAID_TUTORING = 'TEACHER_PAID_TUTORING', // 在职教师有偿补课
  UNLICENSED_TRAINING = 'UNLICENSED_TRAINING', // 无证办学
  PREPAID_FEE_REFUND = 'PREPAID_FEE_REFUND', // 退费/卷钱跑路
  PRICING = 'PRICING', // 收费
  HEALTH_FOOD_SAFETY = 'HEALTH_FOOD_SAFETY', // 卫生与食品安全
  SUBJECT_TRAINING_VIOLATION = 'SUBJECT_TRAINING_VIOLATION', // 违规学科类培训
  HOMEWORK_BURDEN = 'HOMEWORK_BURDEN', // 作业负担
  ENROLMENT = 'ENROLMENT', // 招生入学
  OTHER = 'OTHER', // 其他
}

/** Where a complaint came in (受理渠道). */
export enum ComplaintChannel {
  ONLINE = 'ONLINE', // 网上投诉 (public form)
  HOTLINE_12345 = 'HOTLINE_12345', // 12345 政务服务便民热线
  LETTERS_VISITS = 'LETTERS_VISITS', // 信访局来信来访
  HOTLINE_12315 = 'HOTLINE_12315', // 12315 市场监管投诉
  PUBLIC_OPINION = 'PUBLIC_OPINION', // 舆情监测
  GRID_PATROL = 'GRID_PATROL', // 网格巡查
}

/**
 * RECEIVED → ACCEPTED / NOT_ACCEPTED → ASSIGNED → INVESTIGATING → REPLIED → CLOSED (reopen → INVESTIGATING);
 * REPLIED / CLOSED → UNDER_REVIEW (复查) → CLOSED (upheld) or INVESTIGATING (overturned).
 */
export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  INVESTIGATING = 'INVESTIGATING',
  REPLIED = 'REPLIED',
  CLOSED = 'CLOSED',
  UNDER_REVIEW = 'UNDER_REVIEW',
}

/** The review body's decision (复查意见). */
export enum ReviewDecision {
  UPHELD = 'UPHELD', // 维持原处理意见
  OVERTURNED = 'OVERTURNED', // 撤销或变更，责成重新办理
}

/** Return visit (满意度回访) at closing. */
export enum Satisfaction {
  SATISFIED = 'SATISFIED', // 满意
  BASICALLY_SATISFIED = 'BASICALLY_SATISFIED', // 基本满意
  DISSATISFIED = 'DISSATISFIED', // 不满意
}

/** The statutory deadlines (《信访工作条例》 Art. 22, 23, 34). */
export const ComplaintDeadline = { ROUTE: 'ROUTE', ACCEPT: 'ACCEPT', HANDLE: 'HANDLE', REVIEW: 'REVIEW' } as const;
export type ComplaintDeadline = keyof typeof ComplaintDeadline;

/** Statuses in which a complaint is still being worked on (duplicates link to an open primary). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  ComplaintStatus.RECEIVED,
  ComplaintStatus.ACCEPTED,
  ComplaintStatus.ASSIGNED,
  ComplaintStatus.INVESTIGATING,
  ComplaintStatus.REPLIED,
  ComplaintStatus.UNDER_REVIEW,
];
