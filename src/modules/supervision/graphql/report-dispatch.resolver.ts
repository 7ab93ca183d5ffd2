import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { groupByKey } from '../../../platform/graphql/loaders';
import { ReportDispatchService } from '../report-dispatch.service';
import { DispatchSupervisionReportInput, ReportDispatchObject } from './report.objects';
import { ReportObject } from './supervision.objects';

/** Sending stored reports (报送/印发) and the dispatches listed on a report. */
@Resolver(() => ReportObject)
export class ReportDispatchResolver {
  constructor(private readonly service: ReportDispatchService) {}

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => ReportDispatchObject, {
    description:
      'Sends a stored report: a special report (专报) to the county government, or a briefing (简报) to departments, each notified with the download link.',
  })
  dispatchSupervisionReport(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The report, how and to whom.' }) input: DispatchSupervisionReportInput,
  ): Promise<ReportDispatchObject> {
    return this.service.dispatch(actor, {
      reportId: input.reportId,
      kind: input.kind,
      departmentCodes: input.departmentCodes ?? [],
      note: input.note ?? null,
    });
  }

  @ResolveField(() => [ReportDispatchObject], {
    description: 'Where the report was sent (报送记录), oldest first.',
  })
  dispatches(@Parent() report: ReportObject, @Context() ctx: GqlContext): Promise<ReportDispatchObject[]> {
    return ctx.loaders
      .get<string, ReportDispatchObject[]>('supervision.report-dispatches', async (ids) =>
        groupByKey(ids, await this.service.listFor(ids), (d) => d.reportId),
      )
      .load(report.id);
  }
}
