import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import { InstitutionStatus } from '../../registry';
import { CREDIT_REASONS } from '../data/credit-reasons';
import { CreditEntryStatus, CreditListKind, RemovalGrounds } from '../entities/credit-entry.entity';
import {
  CreditEvidenceKind,
  CreditRecordKind,
  CreditRecordSource,
  CreditRecordStatus,
  CreditSeverity,
} from '../entities/credit-record.entity';

registerEnumType(CreditRecordKind, {
  name: 'CreditRecordKind',
  description: 'Kind of credit record (信用记录): a violation or a commendation.',
  valuesMap: {
    VIOLATION: { description: 'A violation (违规失信).' },
    COMMENDATION: { description: 'A commendation (守信表彰).' },
  },
});
registerEnumType(CreditRecordSource, {
  name: 'CreditRecordSource',
  description: 'Where a credit record comes from (信用记录来源).',
  valuesMap: {
    INSPECTION_FINDING: { description: 'An inspection finding (检查发现), recorded by an officer.' },
    VERIFIED_COMPLAINT: { description: 'A substantiated complaint (投诉查实), from the complaints module.' },
    ESCROW_ALERT_UNRESOLVED: {
      description: 'An escrow alert still open past the county deadline (资金监管预警逾期未处置).',
    },
    ANNUAL_REVIEW_FAILED: { description: 'A failed annual review (年检不合格), from the registry.' },
    IN_SERVICE_TEACHER: { description: 'An in-service school teacher on the staff (聘用在职教师).' },
    FIRE_NOT_RECTIFIED: {
      description: 'A fire hazard not rectified in time (消防隐患逾期未整改), recorded by an officer.',
    },
    PREPAID_OBJECTIONS_OVERRIDDEN: {
      description:
        "Lessons confirmed automatically again and again despite parents' objections (家长异议后仍被自动确认).",
    },
    ADMINISTRATIVE_PENALTY: {
      description: 'An administrative penalty decision (行政处罚决定) recorded in the enforcement module.',
    },
    MANUAL: { description: 'Entered by hand (人工录入).' },
  },
});
registerEnumType(CreditSeverity, {
  name: 'CreditSeverity',
  description: 'Severity of a violation (违规情节).',
  valuesMap: {
    MINOR: { description: 'Minor (一般).' },
    SERIOUS: { description: 'Serious (较重).' },
    GRAVE: { description: 'Grave (严重).' },
  },
});
registerEnumType(CreditRecordStatus, {
  name: 'CreditRecordStatus',
  description: 'Whether a credit record counts: records are revoked, never deleted.',
  valuesMap: {
    ACTIVE: { description: 'In force (有效).' },
    REVOKED: { description: 'Revoked as a mistake, with a reason (已撤销).' },
  },
});
registerEnumType(CreditListKind, {
  name: 'CreditListKind',
  description: 'Which list (名单) an entry is on.',
  valuesMap: {
    BLACK: { description: 'Black list (黑名单): joint punishment applies.' },
    WHITE: { description: 'White list (白名单): compliant institutions.' },
    GREY: { description: 'Grey list (灰名单): under watch (重点关注).' },
  },
});
registerEnumType(CreditEntryStatus, {
  name: 'CreditEntryStatus',
  description:
    'Where a list entry stands: PROPOSED → PUBLISHED (公示) / REJECTED; PUBLISHED → REMOVAL_PROPOSED → REMOVED; PUBLISHED → EXPIRED.',
  valuesMap: {
    PROPOSED: { description: 'Proposed, waiting for a second person to approve (待审核).' },
    PUBLISHED: { description: 'Approved and in force (公示中).' },
    REJECTED: { description: 'The proposal was rejected (未通过).' },
    REMOVAL_PROPOSED: { description: 'In force, with a removal proposed (移出待审核).' },
    REMOVED: { description: 'Removed on appeal, credit repair or by a black-list entry (已移出).' },
    EXPIRED: { description: 'Past its last day in force (已到期).' },
  },
});
registerEnumType(RemovalGrounds, {
  name: 'CreditRemovalGrounds',
  description: 'Why an entry leaves its list before it expires.',
  valuesMap: {
    APPEAL: { description: 'The institution appealed successfully (申诉).' },
    CREDIT_REPAIR: { description: 'The institution rectified and proved it (信用修复).' },
    SUPERSEDED_BY_BLACKLIST: {
      description: 'A published black-list entry removed the white or grey entry (列入黑名单, 移出白/灰名单).',
    },
  },
});
registerEnumType(CreditEvidenceKind, {
  name: 'CreditEvidenceKind',
  description: 'What a piece of evidence (证据) is.',
  valuesMap: {
    INSPECTION_REPORT: { description: 'Inspection record or enforcement document (检查笔录, 执法文书).' },
    PHOTO: { description: 'Photo (照片).' },
    RECTIFICATION_REPORT: { description: 'Rectification report (整改报告).' },
    DOCUMENT: { description: 'Another document (其他文书).' },
    COMPLAINT: { description: 'A substantiated complaint (投诉), by its id.' },
    ANNUAL_REVIEW: { description: 'An annual review (年检), by institution and year.' },
    SUPERVISION_FINDING: { description: 'A supervision finding (检查发现), by its id.' },
    PREPAID_CONTRACT: { description: 'A prepaid contract (预付费合同), by its id.' },
    ESCROW_ALERT: { description: 'An escrow alert (资金监管预警), by its id.' },
    TEACHER_ROSTER_MATCH: { description: 'A match against the school teacher roster (在职教师名册比对).' },
    OTHER: { description: 'Anything else (其他); also evidence stored before the kinds were fixed.' },
  },
});

const LIST_WORD: Record<CreditListKind, string> = {
  [CreditListKind.BLACK]: 'Black-list',
  [CreditListKind.WHITE]: 'White-list',
  [CreditListKind.GREY]: 'Grey-list',
};

/**
 * Reason categories of list entries (列入事由) as an enum, from the county's table (data/credit-reasons.ts):
 * a county that edits the table regenerates schema.gql.
 */
export const CreditReasonCategory = Object.fromEntries(CREDIT_REASONS.map((r) => [r.code, r.code])) as Record<
  string,
  string
>;
registerEnumType(CreditReasonCategory, {
  name: 'CreditReasonCategory',
  description: 'Reason category of a list entry (列入事由); its list and duration are in creditReasons.',
  valuesMap: Object.fromEntries(
    CREDIT_REASONS.map((r) => [
      r.code,
      {
        description: `${LIST_WORD[r.kind]} reason (${r.name}); an entry stays in force ${
          r.durationMonths === null ? 'permanently' : `${r.durationMonths} months`
        }.`,
      },
    ]),
  ),
});

export enum PublicListKind {
  BLACK = 'BLACK',
  WHITE = 'WHITE',
}
registerEnumType(PublicListKind, {
  name: 'PublicCreditListKind',
  description: 'The lists published to the public (公示名单).',
  valuesMap: {
    BLACK: { description: 'Black list (黑名单).' },
    WHITE: { description: 'White list (白名单).' },
  },
});

export enum CreditStanding {
  BLACK = 'BLACK',
  WHITE = 'WHITE',
  GREY = 'GREY',
  NONE = 'NONE',
}
registerEnumType(CreditStanding, {
  name: 'CreditStanding',
  description: 'An institution’s public standing (信用状态): on the black, white or grey list, or none.',
  valuesMap: {
    BLACK: { description: 'On the black list (黑名单); it wins over the others.' },
    WHITE: { description: 'On the white list (白名单).' },
    GREY: { description: 'On the grey list (灰名单, 重点关注).' },
    NONE: { description: 'On no list.' },
  },
});

@ObjectType('CreditEvidence', { description: 'Evidence reference (证据): a document number, file id or link.' })
export class EvidenceObject {
  @Field(() => CreditEvidenceKind, { description: 'What the evidence is.' })
  kind!: CreditEvidenceKind;

  @Field({ description: 'Document number, file id or link.' })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'A note on the evidence, if any.' })
  note!: string | null;
}

@ObjectType('CreditInstitution', { description: 'Institution (校外培训机构) as the credit module shows it.' })
export class CreditInstitutionObject {
  @Field(() => ID, { description: 'Id of the institution.' })
  id!: string;

  @Field({ description: 'Registered name of the institution (机构名称).' })
  name!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码).' })
  creditCode!: string;

  @Field({ description: 'Code of the township (乡镇/街道) the institution is registered in.' })
  townshipCode!: string;

  @Field(() => InstitutionStatus, { description: 'Licensing status of the institution (机构状态).' })
  status!: string;
}

@ObjectType('CreditRecord', {
  implements: () => [NodeInterface],
  description: 'Credit record (信用记录): a violation or commendation; revoked, never deleted.',
})
export class CreditRecordObject {
  @Field(() => ID, { description: 'Id of the record.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) it concerns.' })
  institutionId!: string;

  @Field(() => ID, { nullable: true, description: 'Staff member (从业人员) the record concerns, if any.' })
  staffId!: string | null;

  @Field({ description: 'Township (乡镇/街道) code of the institution when recorded.' })
  townshipCode!: string;

  @Field(() => CreditRecordKind, { description: 'Violation or commendation.' })
  kind!: CreditRecordKind;

  @Field(() => CreditRecordSource, { description: 'Where the record comes from.' })
  source!: CreditRecordSource;

  @Field(() => CreditSeverity, { nullable: true, description: 'Severity of a violation; null for a commendation.' })
  severity!: CreditSeverity | null;

  @Field({ description: 'What happened, in a sentence.' })
  summary!: string;

  @Field(() => [EvidenceObject], { description: 'Evidence (证据) behind the record.' })
  evidence!: EvidenceObject[];

  @Field(() => DateScalar, { description: 'Business day of the fact (发生日期).' })
  occurredOn!: string;

  @Field(() => String, { nullable: true, description: 'The event, alert, complaint or finding it comes from.' })
  sourceReference!: string | null;

  @Field(() => CreditRecordStatus, { description: 'Whether the record counts.' })
  status!: CreditRecordStatus;

  @Field(() => String, { nullable: true, description: 'Why it was revoked; null while ACTIVE.' })
  revokeReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while ACTIVE.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who revoked it; null while ACTIVE.' })
  revokedBy!: string | null;

  @Field({ description: 'Who recorded it: an officer, or the service for records from events.' })
  createdBy!: string;

  @Field({ description: 'When it was recorded.' })
  createdAt!: Date;
}

@ObjectType('CreditEntry', {
  implements: () => [NodeInterface],
  description: 'Black / white / grey list entry (名单条目) with its decisions.',
})
export class CreditEntryObject {
  @Field(() => ID, { description: 'Id of the entry.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) listed.' })
  institutionId!: string;

  @Field({ description: 'Name of the institution when proposed.' })
  institutionName!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码) of the institution.' })
  creditCode!: string;

  @Field({ description: 'Township (乡镇/街道) code of the institution when proposed.' })
  townshipCode!: string;

  @Field(() => CreditListKind, { description: 'Which list the entry is on.' })
  kind!: CreditListKind;

  @Field(() => CreditReasonCategory, { description: 'Reason category (列入事由); see creditReasons.' })
  reasonCategory!: string;

  @Field({ description: 'Reason category in words (列入事由).' })
  reasonCategoryName!: string;

  @Field({ description: 'The proposer’s full reason (not public).' })
  reason!: string;

  @Field(() => [EvidenceObject], { description: 'Evidence (证据) given with the proposal (not public).' })
  evidence!: EvidenceObject[];

  @Field(() => [ID], { description: 'Ids of the credit records the proposal rests on.' })
  recordIds!: string[];

  @Field(() => CreditEntryStatus, { description: 'Where the entry stands.' })
  status!: CreditEntryStatus;

  @Field(() => DateScalar, { nullable: true, description: 'First day in force; null until published.' })
  effectiveOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day in force; null when permanent or not yet published.',
  })
  expiresOn!: string | null;

  @Field({ description: 'Who proposed it.' })
  proposedBy!: string;

  @Field({ description: 'When it was proposed.' })
  proposedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who approved or rejected it; null while PROPOSED.' })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was approved or rejected; null while PROPOSED.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The note given with the decision, if any.' })
  decisionNote!: string | null;

  @Field(() => RemovalGrounds, { nullable: true, description: 'Why a removal was proposed or made; null if none.' })
  removalGrounds!: RemovalGrounds | null;

  @Field(() => String, { nullable: true, description: 'The note given with the removal proposal, if any.' })
  removalNote!: string | null;

  @Field(() => [EvidenceObject], { description: 'Evidence given with the removal proposal (e.g. of rectification).' })
  removalEvidence!: EvidenceObject[];

  @Field(() => String, { nullable: true, description: 'Who proposed the removal, if anyone.' })
  removalProposedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Who approved or rejected the removal, if anyone.' })
  removalDecidedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the removal was approved or rejected, if it was.' })
  removalDecidedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it left the list or was rejected.' })
  endedAt!: Date | null;
}

@ObjectType('PublicCreditEntry', { description: 'A published list entry as the public sees it (公示).' })
class PublicCreditEntryObject {
  @Field({ description: 'Name of the institution (机构名称).' })
  institutionName!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码).' })
  creditCode!: string;

  @Field(() => CreditListKind, { description: 'Which list the entry is on.' })
  kind!: CreditListKind;

  @Field(() => CreditReasonCategory, { description: 'Reason category (列入事由); see creditReasons.' })
  reasonCategory!: string;

  @Field({ description: 'Reason category in words (列入事由).' })
  reasonCategoryName!: string;

  @Field(() => DateScalar, { description: 'First day in force.' })
  effectiveOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in force; null = permanent.' })
  expiresOn!: string | null;

  @Field({ description: 'Township (乡镇/街道) code.' })
  townshipCode!: string;
}

@ObjectType('CreditStandingInfo', { description: 'Public credit standing (信用状态) of an institution.' })
export class CreditStandingObject {
  @Field(() => CreditStanding, { description: 'The list the institution is on, or NONE.' })
  standing!: CreditStanding;

  @Field(() => DateScalar, { nullable: true, description: 'First day in force of that entry; null for NONE.' })
  effectiveOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day in force of that entry; null for NONE or when permanent.',
  })
  expiresOn!: string | null;
}

@ObjectType('WhitelistEligibility', { description: 'Whitelist eligibility (白名单条件), computed.' })
export class WhitelistEligibilityObject {
  @Field(() => ID, { description: 'Id of the institution (校外培训机构).' })
  institutionId!: string;

  @Field({ description: 'Whether every condition holds now.' })
  eligible!: boolean;

  @Field({ description: 'The institution is OPERATING (在营).' })
  operating!: boolean;

  @Field({ description: 'Annual review (年检) PASS this year.' })
  annualReviewPassed!: boolean;

  @Field({ description: 'Prepaid fees supervised: an active escrow account, or a valid risk reserve (风险保证金).' })
  activeEscrowAccount!: boolean;

  @Field({ description: 'An escrow SHORTFALL alert (余额不足) is open.' })
  openShortfall!: boolean;

  @Field(() => Int, {
    description: 'Active violations within the county rule credit.whitelist_lookback_days.',
  })
  violationsInLookback!: number;

  @Field(() => [String], { description: 'Why not, in words an officer reads; empty when eligible.' })
  reasons!: string[];
}

@ObjectType('CreditReason', { description: 'Reason category of list entries and its duration (列入事由与期限).' })
export class CreditReasonObject {
  @Field(() => CreditReasonCategory, { description: 'The category, as entries carry it.' })
  code!: string;

  @Field(() => CreditListKind, { description: 'The list it puts an institution on.' })
  kind!: CreditListKind;

  @Field({ description: 'The category in words (列入事由).' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'How long an entry stays in force, months; null = permanent.' })
  durationMonths!: number | null;
}

export const CreditRecordConnection = Paginated(CreditRecordObject, 'CreditRecord');
export const CreditEntryConnection = Paginated(CreditEntryObject, 'CreditEntry');
export const PublicCreditEntryConnection = Paginated(PublicCreditEntryObject, 'PublicCreditEntry');
