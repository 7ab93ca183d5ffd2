import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../../platform/graphql/pagination';
import { CreditEntryStatus, CreditListKind, RemovalGrounds } from '../entities/credit-entry.entity';
import {
  CreditRecordKind,
  CreditRecordSource,
  CreditRecordStatus,
  CreditSeverity,
} from '../entities/credit-record.entity';
import { PublicListKind } from './credit.objects';

@InputType('CreditEvidenceInput')
export class EvidenceInput {
  @Field({ description: 'What it is, e.g. INSPECTION_REPORT, PHOTO, RECTIFICATION_REPORT' })
  @IsString()
  @Length(1, 40)
  kind!: string;

  @Field({ description: 'Document number, file id or link' })
  @IsString()
  @Length(1, 300)
  reference!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

@InputType()
export class RecordCreditInput {
  @Field(() => ID)
  @IsUUID()
  institutionId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;

  @Field(() => CreditRecordKind)
  @IsIn(Object.values(CreditRecordKind))
  kind!: CreditRecordKind;

  @Field(() => CreditRecordSource, {
    description: 'MANUAL, INSPECTION_FINDING or FIRE_NOT_RECTIFIED (the others come from events)',
  })
  @IsIn(Object.values(CreditRecordSource))
  source!: CreditRecordSource;

  @Field(() => CreditSeverity, { nullable: true, description: 'Required for a violation' })
  @IsOptional()
  @IsIn(Object.values(CreditSeverity))
  severity?: CreditSeverity | null;

  @Field()
  @IsString()
  @Length(1, 500)
  summary!: string;

  @Field(() => [EvidenceInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];

  @Field({ nullable: true, description: 'Business date of the fact (YYYY-MM-DD); default today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsDateString({ strict: true })
  occurredOn?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Finding or document number; one record per source and reference',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sourceReference?: string | null;
}

@InputType()
export class ProposeCreditEntryInput {
  @Field(() => ID)
  @IsUUID()
  institutionId!: string;

  @Field(() => CreditListKind)
  @IsIn(Object.values(CreditListKind))
  kind!: CreditListKind;

  @Field({ description: 'Reason category code (creditReasons) of this kind' })
  @IsString()
  @Length(1, 48)
  reasonCategory!: string;

  @Field({ description: 'The full reason (kept from the public)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @Field(() => [EvidenceInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];

  @Field(() => [ID], { nullable: true, description: 'Credit records the proposal rests on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  recordIds?: string[];
}

@InputType()
export class ProposeCreditEntryRemovalInput {
  @Field(() => RemovalGrounds, { description: 'APPEAL (申诉) or CREDIT_REPAIR (信用修复)' })
  @IsIn([RemovalGrounds.APPEAL, RemovalGrounds.CREDIT_REPAIR])
  grounds!: RemovalGrounds.APPEAL | RemovalGrounds.CREDIT_REPAIR;

  @Field()
  @IsString()
  @Length(1, 1000)
  note!: string;

  @Field(() => [EvidenceInput], {
    nullable: true,
    description: 'Required for credit repair: proof of the rectification',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];
}

@ArgsType()
export class CreditRecordsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => CreditRecordKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CreditRecordKind))
  kind?: CreditRecordKind;

  @Field(() => CreditRecordSource, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CreditRecordSource))
  source?: CreditRecordSource;

  @Field(() => CreditRecordStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CreditRecordStatus))
  status?: CreditRecordStatus;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;
}

@ArgsType()
export class CreditEntriesArgs extends PageArgs {
  @Field(() => CreditListKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CreditListKind))
  kind?: CreditListKind;

  @Field(() => CreditEntryStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CreditEntryStatus))
  status?: CreditEntryStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;
}

@ArgsType()
export class PublicCreditListArgs extends PageArgs {
  @Field(() => PublicListKind)
  @IsIn(Object.values(PublicListKind))
  kind!: PublicListKind;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;

  @Field({ nullable: true, description: 'Part of the institution name, or its credit code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class DecisionArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

@ArgsType()
export class RequiredNoteArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field()
  @IsString()
  @Length(1, 1000)
  note!: string;
}
