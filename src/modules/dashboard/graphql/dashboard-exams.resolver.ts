import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SchoolsFacade } from '../../schools';
import { semesterOf } from '../../after-school';
import { DashboardExamsObject } from './dashboard-exams.objects';
import { DashboardObject } from './dashboard.objects';

/**
 * The exam-management section of the dashboard (考试管理), for the term asOf falls in, computed only when
 * asked for. It resolves under the `dashboard` query, whose roles and township scope (a township officer:
 * their own) already decided the parent's townshipCode.
 */
@Resolver(() => DashboardObject)
export class DashboardExamsResolver {
  constructor(private readonly schools: SchoolsFacade) {}

  @ResolveField(() => DashboardExamsObject, {
    description:
      'Exam management in schools (考试管理) of the term asOf falls in: schools compliant, without a plan, violations by kind',
  })
  exams(@Parent() dashboard: DashboardObject): Promise<DashboardExamsObject> {
    return this.schools.examFigures({
      term: semesterOf(dashboard.asOf),
      townshipCode: dashboard.townshipCode ?? undefined,
    });
  }
}
