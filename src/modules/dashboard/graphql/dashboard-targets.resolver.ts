import { Args, ArgsType, Field, ObjectType, Parent, ResolveField, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PlanTargetSectionObject } from '../../supervision';
import { DashboardTargetSpan, DashboardTargetsService } from '../dashboard-targets.service';
import { DashboardObject } from './dashboard.objects';

registerEnumType(DashboardTargetSpan, {
  name: 'DashboardTargetSpan',
  description: "The span of the plan targets' window (统计区间), ending on asOf.",
  valuesMap: {
    MONTH: { description: 'From the first of the month of asOf (as a monthly report, 一月一调度).' },
    QUARTER: { description: 'From the first of the quarter of asOf (as a quarterly report, 一季一总结).' },
  },
});

@ArgsType()
export class DashboardTargetsArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description: "The last day of the window (YYYY-MM-DD), not after today; default the dashboard's asOf.",
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @Field(() => DashboardTargetSpan, {
    nullable: true,
    defaultValue: DashboardTargetSpan.MONTH,
    description: 'Month to date (default) or quarter to date.',
  })
  @IsOptional()
  @IsEnum(DashboardTargetSpan)
  span?: DashboardTargetSpan;
}

@ObjectType('DashboardTargets', {
  description: "The plan's targets (计划目标), county-wide, over a window: the figures a county report stores.",
})
class DashboardTargetsObject {
  @Field(() => DateScalar, { description: 'First day of the window (YYYY-MM-DD).' })
  periodFrom!: string;
  @Field(() => DateScalar, { description: 'Last day of the window (YYYY-MM-DD), inclusive; today: up to now.' })
  asOf!: string;
  @Field(() => [PlanTargetSectionObject], { description: 'The sections of figures, in print order (分项).' })
  sections!: PlanTargetSectionObject[];
}

/**
 * The plan-targets section of the dashboard, computed only when asked for, by the same computation as the
 * stored reports (SupervisionFacade.planTargets). County figures: null on a township's dashboard.
 */
@Resolver(() => DashboardObject)
export class DashboardTargetsResolver {
  constructor(private readonly targetsService: DashboardTargetsService) {}

  @ResolveField(() => DashboardTargetsObject, {
    nullable: true,
    description:
      "The plan's targets (计划目标) county-wide, as the monthly or quarterly report of the same last day stores them; null on a township's dashboard.",
  })
  async targets(
    @Parent() dashboard: DashboardObject,
    @Args() args: DashboardTargetsArgs,
  ): Promise<DashboardTargetsObject | null> {
    if (dashboard.townshipCode) return null;
    const t = await this.targetsService.targets(args.asOf ?? dashboard.asOf, args.span ?? DashboardTargetSpan.MONTH);
    return { ...t, sections: t.sections.map((s) => PlanTargetSectionObject.from(s)) };
  }
}
