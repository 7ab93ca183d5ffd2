import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DashboardPrepaidService } from '../dashboard-prepaid.service';
import { PrepaidSectionObject } from './dashboard-prepaid.objects';
import { DashboardObject } from './dashboard.objects';

/**
 * The prepaid section of the dashboard, computed only when asked for. It resolves under the `dashboard`
 * query, whose roles and township scope (a township officer: their own) already decided the parent's
 * townshipCode.
 */
@Resolver(() => DashboardObject)
export class DashboardPrepaidResolver {
  constructor(private readonly sections: DashboardPrepaidService) {}

  @ResolveField(() => PrepaidSectionObject, {
    description: 'Prepaid fees lesson by lesson (预付费 一课一消), for the same county or township and period',
  })
  prepaid(@Parent() dashboard: DashboardObject): Promise<PrepaidSectionObject> {
    return this.sections.section(dashboard);
  }
}
