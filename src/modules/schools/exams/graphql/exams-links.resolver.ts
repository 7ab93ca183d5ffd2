import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { GqlContext } from '../../../../platform/graphql/context';
import { loadLink } from '../../../../platform/graphql/loaders';
import { ReferenceFacade, SchoolObject } from '../../../reference';
import { ExamQueries } from '../exams.queries';
import { ExamPlanObject, ExamViolationObject, SchoolExamObject } from './exams.objects';

const SCHOOL = 'The school (学校) of `schoolId`; null when none or the caller may not read it';

/** What the school link reads of a row. */
type WithSchool = { schoolId?: string | null };

/** The plan's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => ExamPlanObject)
export class ExamPlanLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The exam's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => SchoolExamObject)
export class SchoolExamLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/**
 * The violation's school, plan and exam as objects: the school through the reference module's loader, the
 * plan and the exam through per-request loaders scoped as the lists are (one statement per page each).
 */
@Resolver(() => ExamViolationObject)
export class ExamViolationLinksResolver {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly queries: ExamQueries,
  ) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }

  @ResolveField(() => ExamPlanObject, {
    nullable: true,
    description: 'The exam plan (考试计划) of `planId`; null when none or the caller may not read it',
  })
  async plan(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: ExamViolationObject,
    @Context() ctx: GqlContext,
  ): Promise<ExamPlanObject | null> {
    const plan = await loadLink(ctx.loaders, 'schools.exam-plan-link', row.planId, (ids) =>
      this.queries.readablePlansByIds(actor, ids),
    );
    return plan ? ExamPlanObject.from(plan) : null;
  }

  @ResolveField(() => SchoolExamObject, {
    nullable: true,
    description: 'The exam (考试记录) of `examId`; null when none or the caller may not read it',
  })
  async exam(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: ExamViolationObject,
    @Context() ctx: GqlContext,
  ): Promise<SchoolExamObject | null> {
    const exam = await loadLink(ctx.loaders, 'schools.exam-link', row.examId, (ids) =>
      this.queries.readableExamsByIds(actor, ids),
    );
    return exam ? SchoolExamObject.from(exam) : null;
  }
}

export const EXAM_LINK_RESOLVERS = [ExamPlanLinksResolver, SchoolExamLinksResolver, ExamViolationLinksResolver];
