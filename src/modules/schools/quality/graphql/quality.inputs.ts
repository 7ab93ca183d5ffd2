import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../../../platform/graphql/pagination';
import { QualitySubject } from '../quality-result.entity';

const YEAR = { min: 2000, max: 2100 };

@InputType({
  description: "A school's academic quality monitoring result (学业质量监测结果): band shares, never student data.",
})
export class RecordQualityResultInput {
  @Field(() => ID, { description: 'The school (学校) monitored.' })
  @IsUUID()
  schoolId!: string;

  @Field(() => Int, { description: 'The monitoring year (监测年度), not after the current year.' })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year!: number;

  @Field(() => Int, { description: 'The grade monitored (监测年级), 1–9, one the school teaches.' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field(() => QualitySubject, { description: 'The subject monitored (监测学科).' })
  @IsEnum(QualitySubject)
  subject!: QualitySubject;

  @Field(() => Int, { description: 'How many students were assessed (参测人数), 1–100000.' })
  @IsInt()
  @Min(1)
  @Max(100000)
  assessedCount!: number;

  @Field({ description: 'Share in the excellent band (优秀), percent 0–100, at most one decimal.' })
  @IsNumber()
  excellentPercent!: number;

  @Field({ description: 'Share in the good band (良好), percent 0–100, at most one decimal.' })
  @IsNumber()
  goodPercent!: number;

  @Field({ description: 'Share in the pass band (合格), percent 0–100, at most one decimal.' })
  @IsNumber()
  passPercent!: number;

  @Field({ description: 'Share in the needs-improvement band (待提高), percent; the four shares add up to 100.' })
  @IsNumber()
  improvePercent!: number;
}

@InputType({ description: 'A monitoring round (监测轮次) to publish: a year and a grade.' })
export class PublishQualityRoundInput {
  @Field(() => Int, { description: 'The monitoring year (监测年度).' })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year!: number;

  @Field(() => Int, { description: 'The grade monitored (监测年级), 1–9.' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;
}

@InputType('QualityResultFilter', {
  description: 'Narrows the list of monitoring results; every field given must match.',
})
export class QualityResultFilterInput {
  @Field(() => Int, { nullable: true, description: 'Results of this monitoring year (监测年度).' })
  @IsOptional()
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year?: number;

  @Field(() => Int, { nullable: true, description: 'Results of this grade (年级), 1–9.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  grade?: number;

  @Field(() => QualitySubject, { nullable: true, description: 'Results of this subject (学科).' })
  @IsOptional()
  @IsEnum(QualitySubject)
  subject?: QualitySubject;

  @Field(() => ID, { nullable: true, description: 'Results of this school (学校).' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field({ nullable: true, description: 'Results of schools in this township (乡镇/街道), 9-digit division code.' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field({
    nullable: true,
    description: 'Only results below (true) or not below (false) the county band in published rounds.',
  })
  @IsOptional()
  @IsBoolean()
  belowCounty?: boolean;
}

@ArgsType()
export class QualityResultsArgs extends PageArgs {
  @Field(() => QualityResultFilterInput, {
    nullable: true,
    description: 'Narrows the list; every field given must match.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualityResultFilterInput)
  filter?: QualityResultFilterInput;
}

@InputType('QualityTrendFilter', {
  description: 'Which trend (学业质量趋势) to draw: a grade and subject, for a school or the county.',
})
export class QualityTrendFilterInput {
  @Field(() => Int, { description: 'The grade (年级), 1–9.' })
  @IsInt()
  @Min(1)
  @Max(9)
  grade!: number;

  @Field(() => QualitySubject, { description: 'The subject (学科).' })
  @IsEnum(QualitySubject)
  subject!: QualitySubject;

  @Field(() => ID, { nullable: true, description: "The school (学校); without it, the county's trend." })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @Field(() => Int, { nullable: true, description: 'First year of the trend (起始年度); default: the first recorded.' })
  @IsOptional()
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  fromYear?: number;

  @Field(() => Int, { nullable: true, description: 'Last year of the trend (截止年度); default: the last recorded.' })
  @IsOptional()
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  toYear?: number;
}

@ArgsType()
export class QualityTrendArgs {
  @Field(() => QualityTrendFilterInput, { description: 'The grade, subject and (optionally) school of the trend.' })
  @ValidateNested()
  @Type(() => QualityTrendFilterInput)
  filter!: QualityTrendFilterInput;
}
