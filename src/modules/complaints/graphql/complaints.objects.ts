import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintDeadline,
  ComplaintStatus,
  ReviewDecision,
  Satisfaction,
} from '../complaint.enums';
import { overdueDeadlines } from '../deadlines';
import { Complaint } from '../entities/complaint.entity';
import { ComplaintTimelineEntry } from '../entities/complaint-timeline-entry.entity';
import { ComplaintInstitutionReply } from '../entities/complaint-institution-reply.entity';

registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: 'Complaint category (投诉类别); it picks the lead and co-operating departments (routing by duty).',
  valuesMap: {
    FALSE_ADVERTISING: { description: 'False advertising (虚假宣传).' },
    FIRE_SAFETY: { description: 'Fire safety (消防安全).' },
    TEACHER_PAID_TUTORING: { description: 'Paid tutoring by an in-service teacher (在职教师有偿补课).' },
    UNLICENSED_TRAINING: { description: 'Training without a licence (无证办学).' },
    PREPAID_FEE_REFUND: {
      description: 'Refusal to refund prepaid fees, or an institution absconding (退费/卷钱跑路).',
    },
    PRICING: { description: 'Fees and pricing (收费).' },
    HEALTH_FOOD_SAFETY: { description: 'Health and food safety (卫生与食品安全).' },
    SUBJECT_TRAINING_VIOLATION: { description: 'Subject training against the rules (违规学科类培训).' },
    HOMEWORK_BURDEN: { description: 'Homework burden at school (作业负担).' },
    ENROLMENT: { description: 'School enrolment and admission (招生入学): service areas, exams, dates, lotteries.' },
    OTHER: { description: 'Anything else (其他).' },
  },
});
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: 'Where a complaint came in (受理渠道).',
  valuesMap: {
    ONLINE: { description: 'The public online form (网上投诉).' },
    HOTLINE_12345: { description: 'The 12345 government service hotline (12345 政务服务便民热线).' },
    LETTERS_VISITS: { description: 'Letters and visits to the petitions bureau (信访局来信来访).' },
    HOTLINE_12315: { description: 'The 12315 market-regulation complaint line (12315 市场监管投诉).' },
    PUBLIC_OPINION: { description: 'Public-opinion monitoring (舆情监测).' },
    GRID_PATROL: { description: 'Grid patrol (网格巡查).' },
  },
});
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description:
    'Complaint status: RECEIVED → ACCEPTED / NOT_ACCEPTED → ASSIGNED → INVESTIGATING → REPLIED → CLOSED; REPLIED / CLOSED → UNDER_REVIEW → CLOSED (upheld) or INVESTIGATING (overturned).',
  valuesMap: {
    RECEIVED: { description: 'Received and registered (已登记); acceptance not yet decided.' },
    ACCEPTED: { description: 'Accepted (已受理): the 60-day handling period runs.' },
    NOT_ACCEPTED: { description: 'Not accepted (不予受理); the complainant was told why.' },
    ASSIGNED: { description: 'Assigned (已交办) to the routed departments and township.' },
    INVESTIGATING: { description: 'Being investigated (调查中).' },
    REPLIED: { description: 'Replied to the complainant (已答复).' },
    CLOSED: { description: 'Closed (已办结).' },
    UNDER_REVIEW: { description: 'Under review (复查中) at the complainant’s request.' },
  },
});
registerEnumType(ReviewDecision, {
  name: 'ComplaintReviewDecision',
  description: 'Decision of a review (复查意见).',
  valuesMap: {
    UPHELD: { description: 'The handling is upheld (维持原处理意见); the complaint closes.' },
    OVERTURNED: {
      description:
        'The handling is overturned (撤销或变更，责成重新办理); it is handled again with a new 60-day period.',
    },
  },
});
registerEnumType(Satisfaction, {
  name: 'ComplaintSatisfaction',
  description: 'The complainant’s answer at the return visit (满意度回访).',
  valuesMap: {
    SATISFIED: { description: 'Satisfied (满意).' },
    BASICALLY_SATISFIED: { description: 'Basically satisfied (基本满意).' },
    DISSATISFIED: { description: 'Dissatisfied (不满意).' },
  },
});
registerEnumType(ComplaintDeadline, {
  name: 'ComplaintDeadline',
  description: 'A statutory deadline of a complaint (《信访工作条例》).',
  valuesMap: {
    ROUTE: {
      description:
        'Register and route (登记转送) within the routing period after receipt (15 days by default; Art. 22).',
    },
    ACCEPT: {
      description:
        'Decide acceptance (受理告知) within the acceptance period after receipt (15 days by default; Art. 23).',
    },
    HANDLE: {
      description:
        'Handle (办结) within the handling period after acceptance (60 days by default), plus any extension (Art. 34).',
    },
    REVIEW: { description: 'Decide a review (复查) within 30 days of the request (Art. 35).' },
  },
});

@ObjectType('ComplaintTimelineEntry', {
  description: 'A step of the public timeline (办理进度): status and the public reply',
})
export class ComplaintTimelineEntryObject {
  @Field(() => ComplaintStatus, { description: 'The status the complaint reached at this step.' })
  status!: ComplaintStatus;

  @Field({ description: 'When the step happened.' })
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Reply to the complainant (答复), as written; plain text, never HTML',
  })
  reply!: string | null;

  static from(e: ComplaintTimelineEntry): ComplaintTimelineEntryObject {
    return { status: e.status, occurredAt: e.occurredAt, reply: e.publicReply };
  }
}

@ObjectType('ComplaintInstitutionReply', {
  description: 'The institution’s reply (机构说明) to a complaint about it; for officers, not on the public timeline',
})
export class ComplaintInstitutionReplyObject {
  @Field(() => ID, { description: 'Id of the reply.' })
  id!: string;

  @Field({ description: 'As written; plain text, never HTML' })
  text!: string;

  @Field({ description: 'The institution administrator who wrote it (username)' })
  repliedBy!: string;

  @Field({ description: 'When the institution replied.' })
  repliedAt!: Date;

  static from(r: ComplaintInstitutionReply): ComplaintInstitutionReplyObject {
    return { id: r.id, text: r.text, repliedBy: r.repliedBy, repliedAt: r.repliedAt };
  }
}

@ObjectType('ComplaintReceipt', {
  description: 'What the public form answers: the tracking number (查询码) to follow the complaint',
})
export class ComplaintReceiptObject {
  @Field({ description: 'Tracking number (查询码): keep it to follow the complaint with complaintStatus.' })
  trackingNumber!: string;

  @Field({ description: 'When the complaint was received.' })
  receivedAt!: Date;
}

@ObjectType('PublicComplaintStatus', {
  description: 'Public progress of a complaint (投诉进度查询): no internal notes, no officers',
})
export class PublicComplaintStatusObject {
  @Field({ description: 'Tracking number (查询码) of the complaint.' })
  trackingNumber!: string;

  @Field(() => ComplaintCategory, { description: 'Category (投诉类别) of the complaint.' })
  category!: ComplaintCategory;

  @Field(() => ComplaintStatus, { description: 'Where the complaint is now.' })
  status!: ComplaintStatus;

  @Field({ description: 'When the complaint was received.' })
  receivedAt!: Date;

  @Field(() => [ComplaintTimelineEntryObject], { description: 'The public timeline (办理进度), oldest first.' })
  timeline!: ComplaintTimelineEntryObject[];
}

@ObjectType('ComplainantContact', {
  description: "Complainant's contact (投诉人联系方式): in clear only for officers of the assigned departments",
})
export class ComplainantContactObject {
  @Field(() => String, {
    nullable: true,
    description: 'Complainant name (投诉人姓名), masked unless shown in clear; null when none was given.',
  })
  name!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Complainant phone (联系电话), masked unless shown in clear; null when none was given.',
  })
  phone!: string | null;

  @Field({ description: 'True when name and phone are masked (张*, 138****1234)' })
  masked!: boolean;
}

@ObjectType('Complaint', {
  implements: () => [NodeInterface],
  description: 'Complaint or petition (投诉/信访)',
})
export class ComplaintObject {
  /** The entity, for field resolvers (contact, timeline); not part of the schema. */
  entity!: Complaint;

  @Field(() => ID, { description: 'Id of the complaint.' })
  id!: string;

  @Field({ description: 'Tracking number (查询码) the complainant follows it with.' })
  trackingNumber!: string;

  @Field(() => ComplaintChannel, { description: 'Where it came in (受理渠道).' })
  channel!: ComplaintChannel;

  @Field(() => ComplaintCategory, { description: 'Category (投诉类别); it picked the departments.' })
  category!: ComplaintCategory;

  @Field(() => ComplaintStatus, { description: 'Where the complaint is in its handling.' })
  status!: ComplaintStatus;

  @Field({ description: 'As the complainant wrote it (plain text, never HTML)' })
  description!: string;

  @Field(() => ID, { nullable: true, description: 'Institution (校外培训机构) in the registry, when known' })
  institutionId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the institution as given by the complainant, when not in the registry.',
  })
  institutionName!: string | null;

  @Field(() => String, { nullable: true, description: 'Address of what happened, as given.' })
  address!: string | null;

  @Field({ description: 'Township (乡镇/街道) of the address; always informed' })
  townshipCode!: string;

  @Field({ description: 'Lead department (牵头单位)' })
  leadDepartmentCode!: string;

  @Field(() => [String], { description: 'Co-operating departments (配合单位)' })
  coDepartmentCodes!: string[];

  @Field({ description: 'Anonymous (匿名): no contact was given.' })
  anonymous!: boolean;

  @Field(() => ID, { nullable: true, description: 'The primary complaint this one duplicates (重复投诉)' })
  duplicateOfId!: string | null;

  @Field({ description: 'When it was received.' })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted (受理); null before.' })
  acceptedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was assigned (交办); null before.' })
  assignedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the complainant was last replied to (答复); null before.' })
  repliedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last closed (办结); null while open.' })
  closedAt!: Date | null;

  @Field({ description: 'Register and route by (登记转送, 15 days, 《信访工作条例》 Art. 22)' })
  routeDueAt!: Date;

  @Field({ description: 'Decide acceptance by (受理告知, 15 days, Art. 23)' })
  acceptDueAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Handle by (办结, 60 days from acceptance, Art. 34; plus the extension)',
  })
  handleDueAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Extension (延期) in days, at most 30, once' })
  extensionDays!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the handling deadline was extended (延期理由); null when it was not.',
  })
  extensionReason!: string | null;

  @Field({ description: 'A pending statutory deadline has passed (超期)' })
  overdue!: boolean;

  @Field(() => [ComplaintDeadline], { description: 'Which pending statutory deadlines have passed (超期).' })
  overdueDeadlines!: ComplaintDeadline[];

  @Field(() => Int, {
    description:
      'Escalation level (督办级别) reached by the overdue deadlines: 0 none, 1 once overdue, 2 and 3 as the lateness grows (like tasks); raised by the overdue sweep',
  })
  escalationLevel!: number;

  @Field(() => String, { nullable: true, description: 'Why it was not accepted (internal)' })
  notAcceptedReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Investigation findings (internal)' })
  findings!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Closed as substantiated (属实)' })
  substantiated!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Closing summary (办结意见), internal; null before closing.' })
  closingSummary!: string | null;

  @Field(() => Satisfaction, {
    nullable: true,
    description: 'The complainant’s answer at the return visit (满意度回访); null when none.',
  })
  satisfaction!: Satisfaction | null;

  @Field(() => Int, { description: 'How many times it was reopened after closing.' })
  reopenCount!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When a review (复查) was requested: once, within 30 days of the reply',
  })
  reviewRequestedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the complainant asked for a review (复查理由); null when none was asked.',
  })
  reviewReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'The review is decided by the end of this (30 days)' })
  reviewDueAt!: Date | null;

  @Field(() => ReviewDecision, { nullable: true, description: 'The review’s decision (复查意见); null until decided.' })
  reviewDecision!: ReviewDecision | null;

  @Field(() => String, {
    nullable: true,
    description: 'The review opinion told to the complainant; null until decided.',
  })
  reviewOpinion!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the review was decided; null until then.' })
  reviewedAt!: Date | null;

  static from(c: Complaint, now: Date): ComplaintObject {
    const overdue = overdueDeadlines(c, now);
    return {
      entity: c,
      id: c.id,
      trackingNumber: c.trackingNumber,
      channel: c.channel,
      category: c.category,
      status: c.status,
      description: c.description,
      institutionId: c.institutionId,
      institutionName: c.institutionName,
      address: c.address,
      townshipCode: c.townshipCode,
      leadDepartmentCode: c.leadDepartmentCode,
      coDepartmentCodes: c.coDepartmentCodes,
      anonymous: c.anonymous,
      duplicateOfId: c.duplicateOf,
      receivedAt: c.receivedAt,
      acceptedAt: c.acceptedAt,
      assignedAt: c.assignedAt,
      repliedAt: c.repliedAt,
      closedAt: c.closedAt,
      routeDueAt: c.routeDueAt,
      acceptDueAt: c.acceptDueAt,
      handleDueAt: c.handleDueAt,
      extensionDays: c.extensionDays,
      extensionReason: c.extensionReason,
      overdue: overdue.length > 0,
      overdueDeadlines: overdue,
      escalationLevel: escalationLevel(c, overdue),
      notAcceptedReason: c.notAcceptedReason,
      findings: c.findings,
      substantiated: c.substantiated,
      closingSummary: c.closingSummary,
      satisfaction: c.satisfaction,
      reopenCount: c.reopenCount,
      reviewRequestedAt: c.reviewRequestedAt,
      reviewReason: c.reviewReason,
      reviewDueAt: c.reviewDueAt,
      reviewDecision: c.reviewDecision,
      reviewOpinion: c.reviewOpinion,
      reviewedAt: c.reviewedAt,
    };
  }
}

export const ComplaintConnection = Paginated(ComplaintObject, 'Complaint');

const LEVEL_OF = {
  ROUTE: 'routeOverdueLevel',
  ACCEPT: 'acceptOverdueLevel',
  HANDLE: 'handleOverdueLevel',
  REVIEW: 'reviewOverdueLevel',
} as const;

/** The highest level among the deadlines overdue now (a deadline met late no longer counts). */
function escalationLevel(c: Complaint, overdue: readonly (keyof typeof LEVEL_OF)[]): number {
  return Math.max(0, ...overdue.map((d) => c[LEVEL_OF[d]] ?? 0));
}
