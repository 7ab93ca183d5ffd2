import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import { CreditEntryStatus, CreditListKind, RemovalGrounds } from '../entities/credit-entry.entity';
import {
  CreditRecordKind,
  CreditRecordSource,
  CreditRecordStatus,
  CreditSeverity,
} from '../entities/credit-record.entity';

registerEnumType(CreditRecordKind, {
  name: 'CreditRecordKind',
  description: 'Violation (违规失信) or commendation (守信表彰)',
});
registerEnumType(CreditRecordSource, {
  name: 'CreditRecordSource',
  description: 'Where a credit record comes from (信用记录来源)',
});
registerEnumType(CreditSeverity, { name: 'CreditSeverity', description: 'Severity (一般/较重/严重)' });
registerEnumType(CreditRecordStatus, { name: 'CreditRecordStatus' });
registerEnumType(CreditListKind, {
  name: 'CreditListKind',
  description: 'BLACK (黑名单), WHITE (白名单), GREY (灰名单, 重点关注)',
});
registerEnumType(CreditEntryStatus, {
  name: 'CreditEntryStatus',
  description: 'PROPOSED → PUBLISHED (公示) / REJECTED; PUBLISHED → REMOVAL_PROPOSED → REMOVED; EXPIRED',
});
registerEnumType(RemovalGrounds, {
  name: 'CreditRemovalGrounds',
  description: 'APPEAL (申诉), CREDIT_REPAIR (信用修复), SUPERSEDED_BY_BLACKLIST',
});

export enum PublicListKind {
  BLACK = 'BLACK',
  WHITE = 'WHITE',
}
registerEnumType(PublicListKind, {
  name: 'PublicCreditListKind',
  description: 'The public lists: BLACK (黑名单) or WHITE (白名单)',
});

export enum CreditStanding {
  BLACK = 'BLACK',
  WHITE = 'WHITE',
  GREY = 'GREY',
  NONE = 'NONE',
}
registerEnumType(CreditStanding, {
  name: 'CreditStanding',
  description: 'An institution’s public standing (信用状态): on the black, white or grey list, or none',
});

@ObjectType('CreditEvidence', { description: 'Evidence reference (证据): a document number, file id or link' })
export class EvidenceObject {
  @Field({ description: 'What it is, e.g. INSPECTION_REPORT, PHOTO, COMPLAINT' })
  kind!: string;

  @Field()
  reference!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('CreditInstitution', { description: 'Institution (校外培训机构) as the credit module shows it' })
export class CreditInstitutionObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码)' })
  creditCode!: string;

  @Field()
  townshipCode!: string;

  @Field()
  status!: string;
}

@ObjectType('CreditRecord', {
  implements: () => [NodeInterface],
  description: 'Credit record (信用记录): a violation or commendation; revoked, never deleted',
})
export class CreditRecordObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field(() => ID, { nullable: true, description: 'Staff member (从业人员) the record concerns, if any' })
  staffId!: string | null;

  @Field()
  townshipCode!: string;

  @Field(() => CreditRecordKind)
  kind!: CreditRecordKind;

  @Field(() => CreditRecordSource)
  source!: CreditRecordSource;

  @Field(() => CreditSeverity, { nullable: true })
  severity!: CreditSeverity | null;

  @Field()
  summary!: string;

  @Field(() => [EvidenceObject])
  evidence!: EvidenceObject[];

  @Field({ description: 'Business date of the fact (YYYY-MM-DD)' })
  occurredOn!: string;

  @Field(() => String, { nullable: true, description: 'The event, alert, complaint or finding it comes from' })
  sourceReference!: string | null;

  @Field(() => CreditRecordStatus)
  status!: CreditRecordStatus;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokedBy!: string | null;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('CreditEntry', {
  implements: () => [NodeInterface],
  description: 'Black / white / grey list entry (名单条目) with its decisions',
})
export class CreditEntryObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field()
  institutionName!: string;

  @Field()
  creditCode!: string;

  @Field()
  townshipCode!: string;

  @Field(() => CreditListKind)
  kind!: CreditListKind;

  @Field({ description: 'Reason category (see creditReasons)' })
  reasonCategory!: string;

  @Field()
  reasonCategoryName!: string;

  @Field({ description: 'The proposer’s full reason (not public)' })
  reason!: string;

  @Field(() => [EvidenceObject])
  evidence!: EvidenceObject[];

  @Field(() => [ID])
  recordIds!: string[];

  @Field(() => CreditEntryStatus)
  status!: CreditEntryStatus;

  @Field(() => String, { nullable: true, description: 'First day in force (business date)' })
  effectiveOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day in force; null when permanent or not yet published' })
  expiresOn!: string | null;

  @Field()
  proposedBy!: string;

  @Field()
  proposedAt!: Date;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionNote!: string | null;

  @Field(() => RemovalGrounds, { nullable: true })
  removalGrounds!: RemovalGrounds | null;

  @Field(() => String, { nullable: true })
  removalNote!: string | null;

  @Field(() => [EvidenceObject])
  removalEvidence!: EvidenceObject[];

  @Field(() => String, { nullable: true })
  removalProposedBy!: string | null;

  @Field(() => String, { nullable: true })
  removalDecidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  removalDecidedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it left the list or was rejected' })
  endedAt!: Date | null;
}

@ObjectType('PublicCreditEntry', { description: 'A published list entry as the public sees it (公示)' })
class PublicCreditEntryObject {
  @Field()
  institutionName!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码)' })
  creditCode!: string;

  @Field(() => CreditListKind)
  kind!: CreditListKind;

  @Field()
  reasonCategory!: string;

  @Field({ description: 'Reason category in words (列入事由)' })
  reasonCategoryName!: string;

  @Field()
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'Last day in force; null = permanent' })
  expiresOn!: string | null;

  @Field({ description: 'Township (乡镇/街道) code' })
  townshipCode!: string;
}

@ObjectType('CreditStandingInfo', { description: 'Public credit standing (信用状态) of an institution' })
export class CreditStandingObject {
  @Field(() => CreditStanding)
  standing!: CreditStanding;

  @Field(() => String, { nullable: true })
  effectiveOn!: string | null;

  @Field(() => String, { nullable: true })
  expiresOn!: string | null;
}

@ObjectType('WhitelistEligibility', { description: 'Whitelist eligibility (白名单条件), computed' })
export class WhitelistEligibilityObject {
  @Field(() => ID)
  institutionId!: string;

  @Field()
  eligible!: boolean;

  @Field()
  operating!: boolean;

  @Field({ description: 'Annual review (年检) PASS this year' })
  annualReviewPassed!: boolean;

  @Field({ description: 'Prepaid fees supervised: an active escrow account, or a valid risk reserve (风险保证金)' })
  activeEscrowAccount!: boolean;

  @Field()
  openShortfall!: boolean;

  @Field(() => Int)
  violationsInLookback!: number;

  @Field(() => [String])
  reasons!: string[];
}

@ObjectType('CreditReason', { description: 'Reason category of list entries and its duration (列入事由与期限)' })
export class CreditReasonObject {
  @Field()
  code!: string;

  @Field(() => CreditListKind)
  kind!: CreditListKind;

  @Field()
  name!: string;

  @Field(() => Int, { nullable: true, description: 'How long an entry stays in force, months; null = permanent' })
  durationMonths!: number | null;
}

export const CreditRecordConnection = Paginated(CreditRecordObject, 'CreditRecord');
export const CreditEntryConnection = Paginated(CreditEntryObject, 'CreditEntry');
export const PublicCreditEntryConnection = Paginated(PublicCreditEntryObject, 'PublicCreditEntry');
