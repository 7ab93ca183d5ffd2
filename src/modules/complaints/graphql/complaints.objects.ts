import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, ReviewDecision, Satisfaction } from '../complaint.enums';
import { overdueDeadlines } from '../deadlines';
import { Complaint } from '../entities/complaint.entity';
import { ComplaintTimelineEntry } from '../entities/complaint-timeline-entry.entity';
import { ComplaintInstitutionReply } from '../entities/complaint-institution-reply.entity';
import { COMPLAINT_ROUTING } from '../routing';

registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: 'Complaint category (投诉类别); it picks the lead and co-operating departments',
  valuesMap: Object.fromEntries(Object.entries(COMPLAINT_ROUTING).map(([k, r]) => [k, { description: r.label }])),
});
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: 'Where a complaint came in (受理渠道)',
  valuesMap: {
    ONLINE: { description: '网上投诉 (public form)' },
    HOTLINE_12345: { description: '12345 政务服务便民热线' },
    LETTERS_VISITS: { description: '信访局来信来访 (letters and visits)' },
    HOTLINE_12315: { description: '12315 市场监管投诉' },
    PUBLIC_OPINION: { description: '舆情监测 (public-opinion monitoring)' },
    GRID_PATROL: { description: '网格巡查 (grid patrol)' },
  },
});
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description:
    'Complaint status: RECEIVED (已登记) → ACCEPTED (已受理) / NOT_ACCEPTED (不予受理) → ASSIGNED (已交办) → INVESTIGATING (调查中) → REPLIED (已答复) → CLOSED (已办结); REPLIED / CLOSED → UNDER_REVIEW (复查中) → CLOSED (upheld) or INVESTIGATING (overturned)',
});
registerEnumType(ReviewDecision, {
  name: 'ComplaintReviewDecision',
  description: 'Decision of a review (复查意见)',
  valuesMap: { UPHELD: { description: '维持原处理意见' }, OVERTURNED: { description: '撤销或变更，责成重新办理' } },
});
registerEnumType(Satisfaction, {
  name: 'ComplaintSatisfaction',
  description: 'Return visit (满意度回访)',
  valuesMap: {
    SATISFIED: { description: '满意' },
    BASICALLY_SATISFIED: { description: '基本满意' },
    DISSATISFIED: { description: '不满意' },
  },
});

@ObjectType('ComplaintTimelineEntry', {
  description: 'A step of the public timeline (办理进度): status and the public reply',
})
export class ComplaintTimelineEntryObject {
  @Field(() => ComplaintStatus)
  status!: ComplaintStatus;

  @Field()
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
  @Field(() => ID)
  id!: string;

  @Field({ description: 'As written; plain text, never HTML' })
  text!: string;

  @Field({ description: 'The institution administrator who wrote it (username)' })
  repliedBy!: string;

  @Field()
  repliedAt!: Date;

  static from(r: ComplaintInstitutionReply): ComplaintInstitutionReplyObject {
    return { id: r.id, text: r.text, repliedBy: r.repliedBy, repliedAt: r.repliedAt };
  }
}

@ObjectType('ComplaintReceipt', {
  description: 'What the public form answers: the tracking number (查询码) to follow the complaint',
})
export class ComplaintReceiptObject {
  @Field()
  trackingNumber!: string;

  @Field()
  receivedAt!: Date;
}

@ObjectType('PublicComplaintStatus', {
  description: 'Public progress of a complaint (投诉进度查询): no internal notes, no officers',
})
export class PublicComplaintStatusObject {
  @Field()
  trackingNumber!: string;

  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => ComplaintStatus)
  status!: ComplaintStatus;

  @Field()
  receivedAt!: Date;

  @Field(() => [ComplaintTimelineEntryObject])
  timeline!: ComplaintTimelineEntryObject[];
}

@ObjectType('ComplainantContact', {
  description: "Complainant's contact (投诉人联系方式): in clear only for officers of the assigned departments",
})
export class ComplainantContactObject {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
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

  @Field(() => ID)
  id!: string;

  @Field()
  trackingNumber!: string;

  @Field(() => ComplaintChannel)
  channel!: ComplaintChannel;

  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => ComplaintStatus)
  status!: ComplaintStatus;

  @Field({ description: 'As the complainant wrote it (plain text, never HTML)' })
  description!: string;

  @Field(() => ID, { nullable: true, description: 'Institution (校外培训机构) in the registry, when known' })
  institutionId!: string | null;

  @Field(() => String, { nullable: true })
  institutionName!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field({ description: 'Township (乡镇/街道) of the address; always informed' })
  townshipCode!: string;

  @Field({ description: 'Lead department (牵头单位)' })
  leadDepartmentCode!: string;

  @Field(() => [String], { description: 'Co-operating departments (配合单位)' })
  coDepartmentCodes!: string[];

  @Field()
  anonymous!: boolean;

  @Field(() => ID, { nullable: true, description: 'The primary complaint this one duplicates (重复投诉)' })
  duplicateOfId!: string | null;

  @Field()
  receivedAt!: Date;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  assignedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  repliedAt!: Date | null;

  @Field(() => Date, { nullable: true })
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

  @Field(() => String, { nullable: true })
  extensionReason!: string | null;

  @Field({ description: 'A pending statutory deadline has passed (超期)' })
  overdue!: boolean;

  @Field(() => [String], { description: 'Which pending deadlines have passed: ROUTE, ACCEPT, HANDLE, REVIEW' })
  overdueDeadlines!: string[];

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

  @Field(() => String, { nullable: true })
  closingSummary!: string | null;

  @Field(() => Satisfaction, { nullable: true })
  satisfaction!: Satisfaction | null;

  @Field(() => Int)
  reopenCount!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When a review (复查) was requested: once, within 30 days of the reply',
  })
  reviewRequestedAt!: Date | null;

  @Field(() => String, { nullable: true })
  reviewReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'The review is decided by the end of this (30 days)' })
  reviewDueAt!: Date | null;

  @Field(() => ReviewDecision, { nullable: true })
  reviewDecision!: ReviewDecision | null;

  @Field(() => String, { nullable: true })
  reviewOpinion!: string | null;

  @Field(() => Date, { nullable: true })
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
