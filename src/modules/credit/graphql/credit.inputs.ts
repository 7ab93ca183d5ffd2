import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import { CreditEntryStatus, CreditListKind, RemovalGrounds } from '../entities/credit-entry.entity';
import {
  CreditEvidenceKind,
  CreditRecordKind,
  CreditRecordSource,
  CreditRecordStatus,
  CreditSeverity,
} from '../entities/credit-record.entity';
import { CreditReasonCategory, PublicListKind } from './credit.objects';

@InputType('CreditEvidenceInput', { description: 'A piece of evidence (证据): what it is and where it is kept.' })
export class EvidenceInput {
  @Field(() => CreditEvidenceKind, { description: 'What the evidence is.' })
  @IsIn(Object.values(CreditEvidenceKind))
  kind!: CreditEvidenceKind;

  @Field({ description: 'Document number, file id or link (1–300 characters).' })
  @IsString()
  @Length(1, 300)
  reference!: string;

  @Field(() => String, { nullable: true, description: 'A note on the evidence (at most 500 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: 'Records a violation or commendation by hand (人工录入).' })
export class RecordCreditInput {
  @Field(() => ID, { description: 'Id of the institution (校外培训机构) it concerns.' })
  @IsUUID()
  institutionId!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the staff member (从业人员) it concerns, if any.' })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;

  @Field(() => CreditRecordKind, { description: 'Violation or commendation.' })
  @IsIn(Object.values(CreditRecordKind))
  kind!: CreditRecordKind;

  @Field(() => CreditRecordSource, {
    description: 'MANUAL, INSPECTION_FINDING or FIRE_NOT_RECTIFIED (the others come from events).',
  })
  @IsIn(Object.values(CreditRecordSource))
  source!: CreditRecordSource;

  @Field(() => CreditSeverity, { nullable: true, description: 'Severity; required for a violation.' })
  @IsOptional()
  @IsIn(Object.values(CreditSeverity))
  severity?: CreditSeverity | null;

  @Field({ description: 'What happened, in a sentence (1–500 characters).' })
  @IsString()
  @Length(1, 500)
  summary!: string;

  @Field(() => [EvidenceInput], { nullable: true, description: 'Evidence (证据), at most 50 pieces.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Business day of the fact (发生日期), not in the future; default today.',
  })
  @IsOptional()
  @IsString()
  occurredOn?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Finding or document number (1–100 characters); one record per source and reference.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sourceReference?: string | null;
}

@InputType({ description: 'Proposes a list entry (名单条目); a second person approves it.' })
export class ProposeCreditEntryInput {
  @Field(() => ID, { description: 'Id of the institution (校外培训机构) to list.' })
  @IsUUID()
  institutionId!: string;

  @Field(() => CreditListKind, { description: 'Which list.' })
  @IsIn(Object.values(CreditListKind))
  kind!: CreditListKind;

  @Field(() => CreditReasonCategory, { description: 'Reason category (列入事由) of this kind (see creditReasons).' })
  @IsIn(Object.values(CreditReasonCategory))
  reasonCategory!: string;

  @Field({ description: 'The full reason, 1–2000 characters (kept from the public).' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @Field(() => [EvidenceInput], {
    nullable: true,
    description: 'Evidence (证据), at most 50 pieces; a BLACK proposal needs evidence or records.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];

  @Field(() => [ID], { nullable: true, description: 'Ids of the credit records the proposal rests on (at most 100).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  recordIds?: string[];
}

@InputType({ description: 'Proposes removing a published entry on appeal (申诉) or credit repair (信用修复).' })
export class ProposeCreditEntryRemovalInput {
  @Field(() => ID, { description: 'Id of the published list entry.' })
  @IsUUID()
  id!: string;

  @Field(() => RemovalGrounds, { description: 'APPEAL (申诉) or CREDIT_REPAIR (信用修复).' })
  @IsIn([RemovalGrounds.APPEAL, RemovalGrounds.CREDIT_REPAIR])
  grounds!: RemovalGrounds.APPEAL | RemovalGrounds.CREDIT_REPAIR;

  @Field({ description: 'Why, 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  note!: string;

  @Field(() => [EvidenceInput], {
    nullable: true,
    description: 'Evidence (证据), at most 50 pieces; required for credit repair: proof of the rectification.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];
}

/** A decision on a record: its id and an optional note. */
@InputType({ isAbstract: true })
abstract class DecisionInput {
  @Field(() => ID, { description: 'Id of the list entry.' })
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true, description: 'A note on the decision (at most 1000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

/** A refusal or revocation: its id and the reason, required. */
@InputType({ isAbstract: true })
abstract class RequiredNoteInput {
  @Field(() => ID, { description: 'Id of the record or entry.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why, 1–1000 characters.' })
  @IsString()
  @Length(1, 1000)
  note!: string;
}

@InputType({ description: 'Approves and publishes (公示) a proposed list entry.' })
export class ApproveCreditEntryInput extends DecisionInput {}

@InputType({ description: 'Rejects a proposed list entry, with the reason.' })
export class RejectCreditEntryInput extends RequiredNoteInput {}

@InputType({ description: 'Approves the removal proposed for a list entry.' })
export class ApproveCreditEntryRemovalInput extends DecisionInput {}

@InputType({ description: 'Rejects the removal proposed for a list entry, with the reason; it stays published.' })
export class RejectCreditEntryRemovalInput extends RequiredNoteInput {}

@InputType({ description: 'Revokes a mistaken credit record (信用记录), with the reason.' })
export class RevokeCreditRecordInput extends RequiredNoteInput {}

@InputType('CreditRecordFilter', { description: 'Narrows the credit records listed; every field given must match.' })
export class CreditRecordFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only records of this institution (校外培训机构).' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => CreditRecordKind, { nullable: true, description: 'Only violations or only commendations.' })
  @IsOptional()
  @IsIn(Object.values(CreditRecordKind))
  kind?: CreditRecordKind;

  @Field(() => CreditRecordSource, { nullable: true, description: 'Only records from this source.' })
  @IsOptional()
  @IsIn(Object.values(CreditRecordSource))
  source?: CreditRecordSource;

  @Field(() => CreditRecordStatus, { nullable: true, description: 'Only ACTIVE or only REVOKED records.' })
  @IsOptional()
  @IsIn(Object.values(CreditRecordStatus))
  status?: CreditRecordStatus;

  @Field({ nullable: true, description: 'Only records in this township (乡镇/街道) code, 6–12 digits.' })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;
}

@InputType('CreditEntryFilter', { description: 'Narrows the list entries listed; every field given must match.' })
export class CreditEntryFilterInput {
  @Field(() => CreditListKind, { nullable: true, description: 'Only entries of this list.' })
  @IsOptional()
  @IsIn(Object.values(CreditListKind))
  kind?: CreditListKind;

  @Field(() => CreditEntryStatus, { nullable: true, description: 'Only entries in this status.' })
  @IsOptional()
  @IsIn(Object.values(CreditEntryStatus))
  status?: CreditEntryStatus;

  @Field(() => ID, { nullable: true, description: 'Only entries of this institution (校外培训机构).' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true, description: 'Only entries in this township (乡镇/街道) code, 6–12 digits.' })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;
}

@InputType('PublicCreditEntryFilter', { description: 'Which published list to show, and how to narrow it.' })
export class PublicCreditEntryFilterInput {
  @Field(() => PublicListKind, { description: 'The black or the white list.' })
  @IsIn(Object.values(PublicListKind))
  kind!: PublicListKind;

  @Field({ nullable: true, description: 'Only entries in this township (乡镇/街道) code, 6–12 digits.' })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;

  @Field({ nullable: true, description: 'Part of the institution name, or its credit code (at most 100 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class CreditRecordsArgs extends PageArgs {
  @Field(() => CreditRecordFilterInput, {
    nullable: true,
    description: 'What to list; all records in scope when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditRecordFilterInput)
  filter?: CreditRecordFilterInput;
}

@ArgsType()
export class CreditEntriesArgs extends PageArgs {
  @Field(() => CreditEntryFilterInput, {
    nullable: true,
    description: 'What to list; all entries in scope when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditEntryFilterInput)
  filter?: CreditEntryFilterInput;
}

@ArgsType()
export class PublicCreditListArgs extends PageArgs {
  @Field(() => PublicCreditEntryFilterInput, { description: 'Which list, and optionally a township and a search.' })
  @ValidateNested()
  @Type(() => PublicCreditEntryFilterInput)
  filter!: PublicCreditEntryFilterInput;
}
