import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { Role } from '../../../../platform/auth/role';
import { Connection, pagedComplexity } from '../../../../platform/graphql/pagination';
import { ExamViolation } from '../entities/exam-violation.entity';
import { ExamPlanService } from '../exam-plan.service';
import { ExamRecordService } from '../exam-record.service';
import { ExamQueries } from '../exams.queries';
import {
  ExamPlansArgs,
  ExamViolationsArgs,
  RecordExamInput,
  RecordExamPlanInput,
  RecordExamResultsInput,
  SchoolExamsArgs,
} from './exams.inputs';
import {
  ExamPlanConnection,
  ExamPlanObject,
  ExamViolationConnection,
  ExamViolationObject,
  RecordExamPayload,
  RecordExamPlanPayload,
  SchoolExamConnection,
  SchoolExamObject,
} from './exams.objects';

/** Readers: the county office, EDU and the inspection office county-wide, townships theirs, a school its own. */
const READERS = [
  Role.COUNTY_ADMIN,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
  Role.SCHOOL_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
];

/** Exam management in schools (考试管理): plans per term, exams held, and the violations found in them. */
@Resolver()
export class ExamsResolver {
  constructor(
    private readonly plans: ExamPlanService,
    private readonly exams: ExamRecordService,
    private readonly queries: ExamQueries,
  ) {}

  @Roles(...READERS)
  @Query(() => ExamPlanConnection, {
    description: 'Schools’ exam plans per term (学期考试计划) in the caller’s scope, last recorded first.',
    complexity: pagedComplexity,
  })
  async examPlans(
    @CurrentPrincipal() actor: Principal,
    @Args() args: ExamPlansArgs,
  ): Promise<Connection<ExamPlanObject>> {
    const page = await this.queries.plans(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: ExamPlanObject.from(e.node) })) };
  }

  @Roles(...READERS)
  @Query(() => SchoolExamConnection, {
    description: 'Exams schools held (考试记录) in the caller’s scope, latest first.',
    complexity: pagedComplexity,
  })
  async schoolExams(
    @CurrentPrincipal() actor: Principal,
    @Args() args: SchoolExamsArgs,
  ): Promise<Connection<SchoolExamObject>> {
    const page = await this.queries.exams(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: SchoolExamObject.from(e.node) })) };
  }

  @Roles(...READERS)
  @Query(() => ExamViolationConnection, {
    description: 'Breaches of the national exam rules (考试管理违规) found in the caller’s scope, latest first.',
    complexity: pagedComplexity,
  })
  async examViolations(
    @CurrentPrincipal() actor: Principal,
    @Args() args: ExamViolationsArgs,
  ): Promise<Connection<ExamViolationObject>> {
    const page = await this.queries.violations(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: ExamViolationObject.from(e.node) })) };
  }

  @Roles(Role.SCHOOL_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => RecordExamPlanPayload, {
    description:
      'Records a school’s exam plan for a term (or replaces it), checked against the national rules: breaches are stored as violations and open an inspection. A school administrator (own school) or an EDU officer.',
  })
  async recordExamPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan' }) input: RecordExamPlanInput,
  ): Promise<RecordExamPlanPayload> {
    const { plan, violationIds } = await this.plans.record(actor, input);
    return { plan: ExamPlanObject.from(plan), violations: await this.found(violationIds) };
  }

  @Roles(Role.SCHOOL_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => RecordExamPayload, {
    description:
      'Records an exam a school held, checked against the national rules: breaches are stored as violations and open an inspection. A school administrator (own school) or an EDU officer.',
  })
  async recordExam(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The exam' }) input: RecordExamInput,
  ): Promise<RecordExamPayload> {
    const { exam, violationIds } = await this.exams.record(actor, input);
    return { exam: SchoolExamObject.from(exam), violations: await this.found(violationIds) };
  }

  @Roles(Role.SCHOOL_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => RecordExamPayload, {
    description:
      'Records (or corrects) an exam’s aggregate results: given as grades, never ranked or published by rank, or a violation is found. A school administrator (own school) or an EDU officer.',
  })
  async recordExamResults(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The exam and its results' }) input: RecordExamResultsInput,
  ): Promise<RecordExamPayload> {
    const { exam, violationIds } = await this.exams.recordResults(actor, input.examId, input.results);
    return { exam: SchoolExamObject.from(exam), violations: await this.found(violationIds) };
  }

  private async found(ids: string[]): Promise<ExamViolationObject[]> {
    return (await this.queries.violationsByIds(ids)).map((v: ExamViolation) => ExamViolationObject.from(v));
  }
}
