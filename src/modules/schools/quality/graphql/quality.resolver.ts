import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { Role } from '../../../../platform/auth/role';
import { Connection, pagedComplexity } from '../../../../platform/graphql/pagination';
import { QualityQueries } from '../quality.queries';
import { QualityService } from '../quality.service';
import {
  PublishQualityRoundInput,
  QualityResultsArgs,
  QualityTrendArgs,
  RecordQualityResultInput,
} from './quality.inputs';
import {
  QualityResultConnection,
  QualityResultObject,
  QualityRoundObject,
  QualityTrendPointObject,
} from './quality.objects';

/** Who reads monitoring results: EDU and county roles all, township officers their township, schools their own. */
export const QUALITY_READERS = [
  Role.COUNTY_ADMIN,
  Role.DEPARTMENT_OFFICER,
  Role.TOWNSHIP_OFFICER,
  Role.SCHOOL_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
] as const;

@Resolver(() => QualityResultObject)
export class QualityResolver {
  constructor(
    private readonly quality: QualityService,
    private readonly queries: QualityQueries,
  ) {}

  @Roles(...QUALITY_READERS)
  @Query(() => QualityResultConnection, {
    description:
      "Academic quality monitoring results (学业质量监测结果) in the caller's scope, latest recorded first (EDU: all; township officers: their township; schools: their own).",
    complexity: pagedComplexity,
  })
  async qualityResults(
    @CurrentPrincipal() actor: Principal,
    @Args() args: QualityResultsArgs,
  ): Promise<Connection<QualityResultObject>> {
    const page = await this.queries.list(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: QualityResultObject.from(e.node) })) };
  }

  @Roles(...QUALITY_READERS)
  @Query(() => [QualityTrendPointObject], {
    description:
      "The trend of a grade and subject by year (学业质量趋势): a school's (in the caller's scope) or, without a school, the county's, each year with the county's band beside it.",
  })
  async qualityTrend(
    @CurrentPrincipal() actor: Principal,
    @Args() args: QualityTrendArgs,
  ): Promise<QualityTrendPointObject[]> {
    return (await this.queries.trend(actor, args.filter)).map(QualityTrendPointObject.from);
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => QualityResultObject, {
    description:
      "Records or corrects a school's monitoring result (录入学业质量监测结果) for a year, grade and subject while its round is open; the Education Bureau (EDU).",
  })
  async recordQualityResult(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school, round, subject, number assessed and band shares.' })
    input: RecordQualityResultInput,
  ): Promise<QualityResultObject> {
    return QualityResultObject.from(
      await this.quality.record(actor, {
        schoolId: input.schoolId,
        year: input.year,
        grade: input.grade,
        subject: input.subject,
        assessedCount: input.assessedCount,
        excellentPct: input.excellentPercent,
        goodPct: input.goodPercent,
        passPct: input.passPercent,
        improvePct: input.improvePercent,
      }),
    );
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => QualityRoundObject, {
    description:
      'Publishes a monitoring round (发布监测结果): computes the county band per subject, flags the schools below it (each gets a teaching-research visit task) and freezes the results; the Education Bureau (EDU).',
  })
  publishQualityRound(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The year and grade of the round.' }) input: PublishQualityRoundInput,
  ): Promise<QualityRoundObject> {
    return this.quality.publishRound(actor, input.year, input.grade);
  }
}
