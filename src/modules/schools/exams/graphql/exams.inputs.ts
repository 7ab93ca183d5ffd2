import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../../platform/graphql/pagination';
import { ExamViolationSource } from '../entities/exam-violation.entity';
import {
  ExamFormat,
  ExamKind,
  ExamOrganiser,
  ExamResultForm,
  ExamResultLevel,
  ExamViolationKind,
  TERM_PATTERN,
} from '../exam.rules';

const TERM_MESSAGE = 'term must be YYYY-1 (autumn) or YYYY-2 (spring)';
const TOWNSHIP = /^\d{9}$/;

@InputType({ description: 'One exam a plan foresees (计划考试), for one or more grades.' })
export class ExamPlanEntryInput {
  @Field(() => ExamKind, { description: 'What the exam is for.' })
  @IsEnum(ExamKind)
  kind!: ExamKind;

  @Field(() => ExamFormat, { description: 'Paper-and-pencil or non-written.' })
  @IsEnum(ExamFormat)
  format!: ExamFormat;

  @Field(() => [Int], { description: 'The grades that sit it: grades the school teaches (1–9).' })
  @IsInt({ each: true })
  @ArrayMaxSize(9)
  grades!: number[];

  @Field(() => [String], { description: 'The subjects (学科), at least one, each at most 50 characters.' })
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @ArrayMaxSize(20)
  subjects!: string[];

  @Field(() => DateScalar, { description: 'The planned day (YYYY-MM-DD): within the term, outside vacations.' })
  @IsString()
  plannedDate!: string;
}

@InputType({ description: 'A school’s exam plan for a term; recording it again replaces the entries.' })
export class RecordExamPlanInput {
  @Field(() => ID, { description: 'The school: a school administrator’s own; EDU any school.' })
  @IsUUID('all', { message: 'schoolId must be a UUID' })
  schoolId!: string;

  @Field({ description: 'The term: YYYY-1 (autumn) or YYYY-2 (spring).' })
  @Matches(TERM_PATTERN, { message: TERM_MESSAGE })
  term!: string;

  @Field(() => [ExamPlanEntryInput], { description: 'The exams planned (at most 100).' })
  @ValidateNested({ each: true })
  @Type(() => ExamPlanEntryInput)
  @ArrayMaxSize(100)
  entries!: ExamPlanEntryInput[];

  @Field(() => String, { nullable: true, description: 'A note (at most 2000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'How many pupils reached a level (各等级人数).' })
export class ExamLevelCountInput {
  @Field(() => ExamResultLevel, { description: 'The level.' })
  @IsEnum(ExamResultLevel)
  level!: ExamResultLevel;

  @Field(() => Int, { description: 'Pupils at that level (0 or more).' })
  @IsInt()
  @Min(0)
  @Max(100000)
  count!: number;
}

@InputType({
  description: 'One pupil’s score (学生个人成绩): never accepted, see ExamResultsInput.individualScores.',
})
export class ExamIndividualScoreInput {
  @Field({ description: 'The pupil’s name or number as the source sheet has it.' })
  @IsString()
  @MaxLength(100)
  pupil!: string;

  @Field({ description: 'The pupil’s score or level as the source sheet has it.' })
  @IsString()
  @MaxLength(20)
  score!: string;
}

@InputType({ description: 'The aggregate results of an exam (考试结果汇总): counts only, no pupil’s result.' })
export class ExamResultsInput {
  @Field(() => Int, { description: 'Pupils who sat the exam (参考人数), 1 or more.' })
  @IsInt()
  @Min(1)
  @Max(100000)
  participants!: number;

  @Field(() => [ExamLevelCountInput], {
    description: 'Pupils per level, adding up to participants; required when results were given as levels.',
  })
  @ValidateNested({ each: true })
  @Type(() => ExamLevelCountInput)
  @ArrayMaxSize(4)
  levelCounts!: ExamLevelCountInput[];

  @Field(() => ExamResultForm, { description: 'How the results were given to pupils and parents.' })
  @IsEnum(ExamResultForm)
  form!: ExamResultForm;

  @Field({ description: 'Whether pupils were ranked by results (排名).' })
  @IsBoolean()
  ranked!: boolean;

  @Field({ description: 'Whether results were published by rank (公布排名).' })
  @IsBoolean()
  rankingPublished!: boolean;

  @Field(() => [ExamIndividualScoreInput], {
    nullable: true,
    description:
      'Individual pupils’ scores: never stored. Any given refuses the input (VALIDATION_FAILED on results.individualScores), so a sheet imported with them is refused rather than silently trimmed.',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ExamIndividualScoreInput)
  @ArrayMaxSize(100)
  individualScores?: ExamIndividualScoreInput[] | null;
}

@InputType({ description: 'An exam a school held for one grade (考试记录).' })
export class RecordExamInput {
  @Field(() => ID, { description: 'The school: a school administrator’s own; EDU any school.' })
  @IsUUID('all', { message: 'schoolId must be a UUID' })
  schoolId!: string;

  @Field({ description: 'The term: YYYY-1 (autumn) or YYYY-2 (spring).' })
  @Matches(TERM_PATTERN, { message: TERM_MESSAGE })
  term!: string;

  @Field(() => Int, { description: 'The grade that sat it: a grade the school teaches (1–9).' })
  @IsInt()
  grade!: number;

  @Field(() => ExamKind, { description: 'What the exam was for.' })
  @IsEnum(ExamKind)
  kind!: ExamKind;

  @Field(() => ExamFormat, { description: 'Paper-and-pencil or non-written.' })
  @IsEnum(ExamFormat)
  format!: ExamFormat;

  @Field(() => ExamOrganiser, { description: 'Who set it: the school or a region.' })
  @IsEnum(ExamOrganiser)
  organiser!: ExamOrganiser;

  @Field(() => [String], { description: 'The subjects (学科), at least one, each at most 50 characters.' })
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @ArrayMaxSize(20)
  subjects!: string[];

  @Field(() => DateScalar, { description: 'The day it was held (YYYY-MM-DD): in the term, not after today.' })
  @IsString()
  date!: string;

  @Field(() => String, { nullable: true, description: 'A note (at most 2000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @Field(() => ExamResultsInput, { nullable: true, description: 'The aggregate results, when already known.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExamResultsInput)
  results?: ExamResultsInput | null;
}

@InputType({ description: 'The aggregate results of an exam already recorded; recording again corrects them.' })
export class RecordExamResultsInput {
  @Field(() => ID, { description: 'The exam record.' })
  @IsUUID('all', { message: 'examId must be a UUID' })
  examId!: string;

  @Field(() => ExamResultsInput, { description: 'The aggregate results.' })
  @ValidateNested()
  @Type(() => ExamResultsInput)
  results!: ExamResultsInput;
}

@InputType({ description: 'Narrows a list of exam plans; every field given must match.' })
export class ExamPlanFilter {
  @Field(() => ID, { nullable: true, description: 'Of this school.' })
  @IsOptional()
  @IsUUID('all', { message: 'schoolId must be a UUID' })
  schoolId?: string;

  @Field({ nullable: true, description: 'Of schools in this township (9-digit division code).' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be 9 digits' })
  townshipCode?: string;

  @Field({ nullable: true, description: 'Of this term: YYYY-1 (autumn) or YYYY-2 (spring).' })
  @IsOptional()
  @Matches(TERM_PATTERN, { message: TERM_MESSAGE })
  term?: string;
}

@InputType({ description: 'Narrows a list of exams; every field given must match.' })
export class SchoolExamFilter extends ExamPlanFilter {
  @Field(() => Int, { nullable: true, description: 'Of this grade (1–9).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  grade?: number;

  @Field(() => ExamKind, { nullable: true, description: 'Of this kind.' })
  @IsOptional()
  @IsEnum(ExamKind)
  kind?: ExamKind;

  @Field(() => DateScalar, { nullable: true, description: 'Held on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsString()
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Held on or before this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsString()
  to?: string;
}

@InputType({ description: 'Narrows a list of exam violations; every field given must match.' })
export class ExamViolationFilter extends ExamPlanFilter {
  @Field(() => ExamViolationKind, { nullable: true, description: 'Of this kind.' })
  @IsOptional()
  @IsEnum(ExamViolationKind)
  kind?: ExamViolationKind;

  @Field(() => ExamViolationSource, { nullable: true, description: 'Found in plans or in exams held.' })
  @IsOptional()
  @IsEnum(ExamViolationSource)
  source?: ExamViolationSource;

  @Field(() => ID, { nullable: true, description: 'Found in this exam.' })
  @IsOptional()
  @IsUUID('all', { message: 'examId must be a UUID' })
  examId?: string;

  @Field(() => ID, { nullable: true, description: 'Found in this plan.' })
  @IsOptional()
  @IsUUID('all', { message: 'planId must be a UUID' })
  planId?: string;
}

@ArgsType()
export class ExamPlansArgs extends PageArgs {
  @Field(() => ExamPlanFilter, { nullable: true, description: 'Which plans; none: every plan in the caller’s scope.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExamPlanFilter)
  filter?: ExamPlanFilter;
}

@ArgsType()
export class SchoolExamsArgs extends PageArgs {
  @Field(() => SchoolExamFilter, {
    nullable: true,
    description: 'Which exams; none: every exam in the caller’s scope.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolExamFilter)
  filter?: SchoolExamFilter;
}

@ArgsType()
export class ExamViolationsArgs extends PageArgs {
  @Field(() => ExamViolationFilter, {
    nullable: true,
    description: 'Which violations; none: every violation in the caller’s scope.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExamViolationFilter)
  filter?: ExamViolationFilter;
}
