import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { DASHBOARD_ROLES, DashboardService } from '../dashboard.service';
import { DashboardArgs, DashboardObject, DashboardTrendArgs, TrendPointObject } from './dashboard.objects';

@Resolver()
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Roles(...DASHBOARD_ROLES)
  @Query(() => DashboardObject, {
    description: 'County dashboard (县"双减"工作看板), county-wide or one township (a township officer: their own).',
  })
  dashboard(@CurrentPrincipal() actor: Principal, @Args() args: DashboardArgs): Promise<DashboardObject> {
    return this.dashboards.dashboard(actor, args);
  }

  @Roles(...DASHBOARD_ROLES)
  @Query(() => [TrendPointObject], {
    description: 'Monthly points of a dashboard KPI, each as of its month end (or today for the current month).',
  })
  dashboardTrend(@CurrentPrincipal() actor: Principal, @Args() args: DashboardTrendArgs): Promise<TrendPointObject[]> {
    return this.dashboards.trend(actor, args);
  }
}
