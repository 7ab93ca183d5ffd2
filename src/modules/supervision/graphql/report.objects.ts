import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PlanTargetFigure, PlanTargetSection } from '../report-contributions';
import { displayTarget, displayValue } from '../report-docx';
import { ReportDispatchKind } from '../supervision.enums';

export enum PlanTargetUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  FEN = 'FEN',
}
registerEnumType(PlanTargetUnit, {
  name: 'PlanTargetUnit',
  description: 'The unit of a plan-target figure (计划目标指标单位).',
  valuesMap: {
    COUNT: { description: 'A whole number (个数).' },
    PERCENT: { description: 'A percentage 0–100 with one decimal (百分比).' },
    FEN: { description: 'Money in fen, 1/100 yuan (金额，分).' },
  },
});

@ObjectType('PlanTargetFigure', {
  description: "One figure of the plan's targets (计划目标指标) as a county report and the dashboard show it.",
})
export class PlanTargetFigureObject {
  @Field({ description: 'Stable key, section.figure (指标代码), e.g. threeHundredPercent.homeworkPublicity.' })
  key!: string;
  @Field({ description: 'The figure as printed in Chinese (指标名称).' })
  label!: string;
  @Field({ description: 'The figure in English (指标英文名称).' })
  labelEn!: string;
  @Field(() => PlanTargetUnit, { description: 'The unit of value and target (单位).' })
  unit!: PlanTargetUnit;
  @Field(() => String, {
    nullable: true,
    description:
      'The value as an exact decimal string (数值); null when there is nothing to measure (a rate over zero).',
  })
  value!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The plan's target in the same unit (目标值), e.g. 100 or 0; null when the plan sets none.",
  })
  target!: string | null;
  @Field(() => Int, { nullable: true, description: 'PERCENT figures: what is counted (分子).' })
  numerator!: number | null;
  @Field(() => Int, { nullable: true, description: 'PERCENT figures: what it is counted against (分母).' })
  denominator!: number | null;
  @Field({ description: 'Value and target as printed in the document (显示值), e.g. "98.5% / 100%".' })
  display!: string;

  static from(f: PlanTargetFigure): PlanTargetFigureObject {
    return {
      key: f.key,
      label: f.label.zh,
      labelEn: f.label.en,
      unit: f.unit as PlanTargetUnit,
      value: f.value,
      target: f.target,
      numerator: f.numerator ?? null,
      denominator: f.denominator ?? null,
      display: `${displayValue(f)} / ${displayTarget(f)}`,
    };
  }
}

@ObjectType('PlanTargetSection', { description: "A section of the plan's targets (计划目标分项), in print order." })
export class PlanTargetSectionObject {
  @Field({ description: 'Section key (分项代码), the prefix of its figures keys.' })
  section!: string;
  @Field({ description: 'The section title in Chinese (分项名称).' })
  title!: string;
  @Field({ description: 'The section title in English (分项英文名称).' })
  titleEn!: string;
  @Field(() => [PlanTargetFigureObject], { description: 'The figures of the section (指标).' })
  figures!: PlanTargetFigureObject[];

  static from(s: PlanTargetSection): PlanTargetSectionObject {
    return {
      section: s.section,
      title: s.title.zh,
      titleEn: s.title.en,
      figures: s.figures.map((f) => PlanTargetFigureObject.from(f)),
    };
  }
}

@ObjectType('SupervisionReportDispatch', {
  description: 'A stored report sent out (报送记录): to whom, by whom and when.',
})
export class ReportDispatchObject {
  @Field(() => ID, { description: 'Id of the dispatch.' })
  id!: string;
  @Field(() => ReportDispatchKind, { description: 'Special report (专报) or briefing (简报).' })
  kind!: ReportDispatchKind;
  @Field(() => [String], {
    description: 'The departments a briefing went to, by code (发送部门); empty for a special report (县人民政府).',
  })
  departmentCodes!: string[];
  @Field(() => String, { nullable: true, description: 'A note sent with it (附言), if any.' })
  note!: string | null;
  @Field({ description: 'Who sent it (报送人).' })
  sentBy!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it was sent (报送时间).' })
  sentAt!: Date;
}

@InputType({ description: 'A stored supervision report to send (报送/印发).' })
export class DispatchSupervisionReportInput {
  @Field(() => ID, { description: 'The report (报告).' })
  @IsString()
  @MaxLength(64)
  reportId!: string;

  @Field(() => ReportDispatchKind, {
    description: 'SPECIAL (专报) to the county government, or BRIEFING (简报) to departments.',
  })
  @IsEnum(ReportDispatchKind)
  kind!: ReportDispatchKind;

  @Field(() => [String], {
    nullable: true,
    description: 'Department codes (部门代码) a briefing goes to; none for a special report.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  departmentCodes?: string[];

  @Field({ nullable: true, description: 'A note sent with it (附言), at most 500 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
