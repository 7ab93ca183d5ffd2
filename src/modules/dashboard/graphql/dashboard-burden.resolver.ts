import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { ReferenceFacade, SchoolObject } from '../../reference';
import { SchoolsFacade } from '../../schools';
import { TeacherBurdenSchoolObject, TeacherBurdenSectionObject } from './dashboard-burden.objects';
import { DashboardObject } from './dashboard.objects';

/**
 * The teacher-burden section of the dashboard (教师负担动态监测), computed only when asked for. It resolves
 * under the `dashboard` query, whose roles and township scope (a township officer: their own) already
 * decided the parent's townshipCode.
 */
@Resolver(() => DashboardObject)
export class DashboardBurdenResolver {
  constructor(private readonly schools: SchoolsFacade) {}

  @ResolveField(() => TeacherBurdenSectionObject, {
    description: 'Teacher burden (教师负担): non-teaching demands on schools in the month of asOf and the trend',
  })
  teacherBurden(@Parent() dashboard: DashboardObject): Promise<TeacherBurdenSectionObject> {
    return this.schools.teacherBurdenDashboard(dashboard.townshipCode, dashboard.asOf.slice(0, 7));
  }
}

/** The top school's row as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => TeacherBurdenSchoolObject)
export class DashboardBurdenSchoolLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, {
    nullable: true,
    description: 'The school (学校) of `schoolId`; null when the caller may not read it',
  })
  school(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: TeacherBurdenSchoolObject,
    @Context() ctx: GqlContext,
  ): Promise<SchoolObject | null> {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}
