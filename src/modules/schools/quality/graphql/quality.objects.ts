import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '../../../../platform/graphql/pagination';
import { QualityResult, QualitySubject } from '../quality-result.entity';
import { Band, medianBand, passOrAbove } from '../quality.rules';
import { QualityTrendPoint } from '../quality.queries';

export enum QualityBand {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  IMPROVE = 'IMPROVE',
}

registerEnumType(QualitySubject, {
  name: 'QualitySubject',
  description: 'A subject of academic quality monitoring (监测学科).',
  valuesMap: {
    CHINESE: { description: 'Chinese language (语文).' },
    MATHEMATICS: { description: 'Mathematics (数学).' },
    ENGLISH: { description: 'English (英语).' },
    SCIENCE: { description: 'Science (科学).' },
    MORALITY_LAW: { description: 'Morality and law (道德与法治).' },
    PHYSICAL_HEALTH: { description: 'Physical education and health (体育与健康).' },
    ARTS: { description: 'Arts (艺术).' },
  },
});

registerEnumType(QualityBand, {
  name: 'QualityBand',
  description: 'A performance band of the monitoring report (学业质量等级), best first.',
  valuesMap: {
    EXCELLENT: { description: 'Excellent (优秀).' },
    GOOD: { description: 'Good (良好).' },
    PASS: { description: 'Pass (合格).' },
    IMPROVE: { description: 'Needs improvement (待提高).' },
  },
});

@ObjectType('QualityResult', {
  description:
    "A school's academic quality monitoring result (学业质量监测结果) for a year, grade and subject: band shares only, no student data.",
})
export class QualityResultObject {
  @Field(() => ID, { description: 'The school (学校) monitored.' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)." })
  townshipCode!: string;

  @Field(() => Int, { description: 'The monitoring year (监测年度).' })
  year!: number;

  @Field(() => Int, { description: 'The grade monitored (监测年级), 1–9.' })
  grade!: number;

  @Field(() => QualitySubject, { description: 'The subject monitored (监测学科).' })
  subject!: QualitySubject;

  @Field(() => Int, { description: 'How many students were assessed (参测人数).' })
  assessedCount!: number;

  @Field(() => Float, { description: 'Share of assessed students in the excellent band (优秀率), percent.' })
  excellentPercent!: number;

  @Field(() => Float, { description: 'Share in the good band (良好率), percent.' })
  goodPercent!: number;

  @Field(() => Float, { description: 'Share in the pass band (合格率, this band only), percent.' })
  passPercent!: number;

  @Field(() => Float, { description: 'Share in the needs-improvement band (待提高率), percent.' })
  improvePercent!: number;

  @Field(() => Float, { description: 'Share at pass or better (合格及以上率), percent.' })
  passOrAboveRate!: number;

  @Field(() => QualityBand, {
    description: "The school's median band (中位等级): the band its middle student falls in.",
  })
  band!: QualityBand;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the school's median band is below the county's (低于全县等级) in the published round; null while the round is open.",
  })
  belowCounty!: boolean | null;

  @Field({ description: 'When the result was last recorded (录入时间).' })
  recordedAt!: Date;

  static from(r: QualityResult): QualityResultObject {
    return {
      schoolId: r.schoolId,
      townshipCode: r.townshipCode,
      year: r.year,
      grade: r.grade,
      subject: r.subject,
      assessedCount: r.assessedCount,
      excellentPercent: r.excellentPct,
      goodPercent: r.goodPct,
      passPercent: r.passPct,
      improvePercent: r.improvePct,
      passOrAboveRate: passOrAbove(r),
      band: medianBand(r) as QualityBand,
      belowCounty: r.belowCounty,
      recordedAt: r.recordedAt,
    };
  }
}

export const QualityResultConnection = Paginated(QualityResultObject, 'QualityResult', 'academic quality result');

@ObjectType('QualityTrendPoint', {
  description:
    "One year of an academic quality trend (学业质量趋势): a school's or the county's band shares, with the county's beside them.",
})
export class QualityTrendPointObject {
  @Field(() => Int, { description: 'The monitoring year (监测年度).' })
  year!: number;

  @Field(() => ID, { nullable: true, description: "The school (学校); null on the county's own trend." })
  schoolId!: string | null;

  @Field(() => Int, { description: 'Students assessed (参测人数): the school’s, or the county’s total.' })
  assessedCount!: number;

  @Field(() => Float, { description: 'Share in the excellent band (优秀率), percent, one decimal.' })
  excellentPercent!: number;

  @Field(() => Float, { description: 'Share in the good band (良好率), percent, one decimal.' })
  goodPercent!: number;

  @Field(() => Float, { description: 'Share in the pass band (合格率, this band only), percent, one decimal.' })
  passPercent!: number;

  @Field(() => Float, { description: 'Share in the needs-improvement band (待提高率), percent, one decimal.' })
  improvePercent!: number;

  @Field(() => Float, { description: 'Share at pass or better (合格及以上率), percent.' })
  passOrAboveRate!: number;

  @Field(() => QualityBand, { description: 'The median band (中位等级) of these shares.' })
  band!: QualityBand;

  @Field(() => Float, { description: "The county's share at pass or better that year (全县合格及以上率), percent." })
  countyPassOrAboveRate!: number;

  @Field(() => QualityBand, { description: "The county's median band that year (全县中位等级)." })
  countyBand!: QualityBand;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the school's band is below the county's that year; null on the county's own trend.",
  })
  belowCounty!: boolean | null;

  static from(p: QualityTrendPoint): QualityTrendPointObject {
    return {
      year: p.year,
      schoolId: p.schoolId,
      assessedCount: p.assessedCount,
      excellentPercent: p.excellentPct,
      goodPercent: p.goodPct,
      passPercent: p.passPct,
      improvePercent: p.improvePct,
      passOrAboveRate: p.passOrAboveRate,
      band: p.band as QualityBand,
      countyPassOrAboveRate: p.countyPassOrAboveRate,
      countyBand: p.countyBand as Band as QualityBand,
      belowCounty: p.belowCounty,
    };
  }
}

@ObjectType('QualityRound', {
  description:
    'A published academic quality monitoring round (监测轮次) of a year and grade, with the schools flagged below the county band.',
})
export class QualityRoundObject {
  @Field(() => Int, { description: 'The monitoring year (监测年度).' })
  year!: number;

  @Field(() => Int, { description: 'The grade monitored (监测年级).' })
  grade!: number;

  @Field({ description: 'When the round was published (发布时间).' })
  publishedAt!: Date;

  @Field(() => Int, { description: 'How many schools have results in the round (参测学校数).' })
  schools!: number;

  @Field(() => [ID], {
    description:
      'Schools below the county band in at least one subject (低于全县等级的学校); each gets a teaching-research visit.',
  })
  flaggedSchoolIds!: string[];
}
