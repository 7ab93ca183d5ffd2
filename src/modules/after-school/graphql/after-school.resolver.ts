import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { parseMoney } from '../../../platform/database/money';
import { GqlContext } from '../../../platform/graphql/context';
import { groupByKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { AfterSchoolPlan } from '../entities/after-school-plan.entity';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { FamilyEducationService } from '../family-education.service';
import { FundingService } from '../funding.service';
import { HomeworkService } from '../homework.service';
import { ParticipationService } from '../participation.service';
import { PlanService } from '../plan.service';
import {
  ApproveAfterSchoolPlanInput,
  FamilySessionInput,
  FeeChargeInput,
  FeeStandardInput,
  HomeVisitInput,
  ParticipationInput,
  PeriodFilterArgs,
  PlansArgs,
  PublishHomeworkInput,
  ReportHomeworkInput,
  ReturnAfterSchoolPlanInput,
  SavePlanInput,
  SchoolYearArgs,
  SemesterArgs,
  SubmitAfterSchoolPlanInput,
  TeacherHoursInput,
} from './after-school.inputs';
import {
  ComplianceObject,
  CoverageObject,
  FamilyEducationObject,
  FeeStandardObject,
  FundingStatementObject,
  HomeworkObject,
  ParticipationObject,
  PlanConnection,
  PlanObject,
  PlanStaffObject,
  TeacherHoursObject,
} from './after-school.objects';

@Resolver(() => PlanObject)
export class PlanResolver {
  constructor(private readonly plans: PlanService) {}

  @Query(() => PlanConnection, {
    description: "After-school plans (一校一案) in the caller's scope",
    complexity: pagedComplexity,
  })
  async afterSchoolPlans(
    @CurrentPrincipal() actor: Principal,
    @Args() args: PlansArgs,
  ): Promise<Connection<PlanObject>> {
    const page = await this.plans.list(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: PlanObject.from(e.node) })) };
  }

  @ByIdQuery(() => PlanObject, {
    node: () => AfterSchoolPlan,
    description: "An after-school plan (一校一案) in the caller's scope",
  })
  async afterSchoolPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'The id of the plan' }, uuidArg()) id: string,
  ): Promise<PlanObject> {
    return PlanObject.from(await this.plans.get(actor, id));
  }

  @ResolveField(() => [PlanStaffObject], {
    description: 'Current staff (institutions taken off the plan are left out)',
  })
  async staff(@Parent() plan: PlanObject, @Context() ctx: GqlContext): Promise<PlanStaffObject[]> {
    const rows = await ctx.loaders
      .get('afterSchool.staffOfPlan', async (ids: readonly string[]) =>
        groupByKey(ids, await this.plans.staffOfPlans(ids), (s) => s.planId),
      )
      .load(plan.id);
    return rows.map(PlanStaffObject.from);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => PlanObject, { description: "Creates or replaces the school's draft or returned plan for a semester" })
  async saveAfterSchoolPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan' }) input: SavePlanInput,
  ): Promise<PlanObject> {
    return PlanObject.from(await this.plans.save(actor, input));
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => PlanObject, {
    description:
      'Submits a draft or returned plan to the Education Bureau (教育局) for approval; the school administrator',
  })
  async submitAfterSchoolPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan to submit' }) input: SubmitAfterSchoolPlanInput,
  ): Promise<PlanObject> {
    return PlanObject.from(await this.plans.submit(actor, input.id));
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => PlanObject, {
    description: 'Approves a submitted plan; an officer of the education department (EDU) or the county office',
  })
  async approveAfterSchoolPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan and an optional comment' }) input: ApproveAfterSchoolPlanInput,
  ): Promise<PlanObject> {
    return PlanObject.from(await this.plans.approve(actor, input.id, input.comment?.slice(0, 2000)));
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => PlanObject, {
    description:
      'Returns a submitted plan to the school with a reason; an officer of the education department (EDU) or the county office',
  })
  async returnAfterSchoolPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan and the reason' }) input: ReturnAfterSchoolPlanInput,
  ): Promise<PlanObject> {
    return PlanObject.from(
      await this.plans.return(actor, input.id, input.reason.trim().slice(0, 2000) || 'no reason given'),
    );
  }
}

@Resolver()
export class AfterSchoolRecordsResolver {
  constructor(
    private readonly participation: ParticipationService,
    private readonly homework: HomeworkService,
    private readonly funding: FundingService,
    private readonly family: FamilyEducationService,
  ) {}

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => ParticipationObject, {
    description: "Records a class's participation (enrolled, asking, served) for a semester",
  })
  recordAfterSchoolParticipation(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: "The class's figures" }) input: ParticipationInput,
  ): Promise<ParticipationObject> {
    return this.participation.record(actor, input);
  }

  @Query(() => [ParticipationObject], { description: 'Participation per class (课后服务参与)' })
  afterSchoolParticipation(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: SemesterArgs,
  ): Promise<ParticipationObject[]> {
    return this.participation.list(actor, filter);
  }

  @Query(() => [CoverageObject], { description: 'Coverage per school (课后服务覆盖率 = served / asked)' })
  afterSchoolCoverageBySchool(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: SemesterArgs,
  ): Promise<CoverageObject[]> {
    return this.participation.coverageBySchool(actor, filter);
  }

  @Query(() => [CoverageObject], { description: 'Coverage per township' })
  afterSchoolCoverageByTownship(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: SemesterArgs,
  ): Promise<CoverageObject[]> {
    return this.participation.coverageByTownship(actor, filter);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => Boolean, { description: "Records a roster teacher's after-school service minutes on a day" })
  async recordTeacherParticipation(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The teacher, the day and the minutes' }) input: TeacherHoursInput,
  ): Promise<boolean> {
    await this.participation.recordTeacherHours(actor, input);
    return true;
  }

  @Query(() => [TeacherHoursObject], {
    description: 'Teacher participation hours over a period (also as CSV: GET /api/after-school/teacher-hours.csv)',
  })
  teacherParticipationHours(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: PeriodFilterArgs,
  ): Promise<TeacherHoursObject[]> {
    return this.participation.teacherHours(actor, filter);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => HomeworkObject, { description: "Publishes a class's homework of a school day (作业公示)" })
  async publishHomework(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The class, the day and the homework' }) input: PublishHomeworkInput,
  ): Promise<HomeworkObject> {
    return HomeworkObject.from(await this.homework.publish(actor, input));
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => HomeworkObject, { description: 'Reports how long a published homework took (作业时长)' })
  async reportHomeworkDuration(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The class, the day and the minutes' }) input: ReportHomeworkInput,
  ): Promise<HomeworkObject> {
    return HomeworkObject.from(await this.homework.report(actor, input));
  }

  @Query(() => [HomeworkObject], { description: 'Homework records over a period (at most 5000)' })
  async homeworkRecords(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: PeriodFilterArgs,
  ): Promise<HomeworkObject[]> {
    return (await this.homework.list(actor, filter)).map(HomeworkObject.from);
  }

  @Query(() => [ComplianceObject], { description: 'Homework publicity and duration compliance per school' })
  homeworkComplianceBySchool(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: PeriodFilterArgs,
  ): Promise<ComplianceObject[]> {
    return this.homework.complianceBySchool(actor, filter);
  }

  @Query(() => [ComplianceObject], { description: 'Homework publicity and duration compliance per township' })
  homeworkComplianceByTownship(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: PeriodFilterArgs,
  ): Promise<ComplianceObject[]> {
    return this.homework.complianceByTownship(actor, filter);
  }

  @Query(() => [FeeStandardObject], { description: 'Approved customised-service fee standards' })
  async afterSchoolFeeStandards(): Promise<FeeStandardObject[]> {
    return (await this.funding.feeStandards()).map(FeeStandardObject.from);
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => FeeStandardObject, { description: 'Adds an approved fee standard (DEVELOPMENT_REFORM)' })
  async createAfterSchoolFeeStandard(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The new standard' }) input: FeeStandardInput,
  ): Promise<FeeStandardObject> {
    return FeeStandardObject.from(
      await this.funding.createFeeStandard(actor, {
        code: input.code,
        name: input.name,
        feeFenPerSemester: parseMoney(input.feePerSemester),
      }),
    );
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => Boolean, {
    description: 'Records students taking a customised service at a fee standard, and exemptions',
  })
  async recordAfterSchoolFees(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school, semester, standard and students' }) input: FeeChargeInput,
  ): Promise<boolean> {
    await this.funding.recordFeeCharge(actor, input);
    return true;
  }

  @Query(() => [FundingStatementObject], {
    description:
      'Semester funding statements per school (EDU, FINANCE, DEVELOPMENT_REFORM, county roles, own school/township)',
  })
  async afterSchoolFundingStatements(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: SemesterArgs,
  ): Promise<FundingStatementObject[]> {
    return (await this.funding.statements(actor, filter)).map(FundingStatementObject.from);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => Boolean, {
    description: 'Records a parent-school session (家长学校: guidance or public consultation)',
  })
  async recordFamilyEducationSession(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The session' }) input: FamilySessionInput,
  ): Promise<boolean> {
    await this.family.recordSession(actor, input);
    return true;
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => Boolean, { description: "Records a class's mentor home visits of a school year (家访)" })
  async recordHomeVisits(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: "The class's home visits" }) input: HomeVisitInput,
  ): Promise<boolean> {
    await this.family.recordHomeVisits(actor, input);
    return true;
  }

  @Query(() => [FamilyEducationObject], { description: 'Family education completion per school and school year' })
  familyEducationCompletion(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: SchoolYearArgs,
  ): Promise<FamilyEducationObject[]> {
    return this.family.completion(actor, filter);
  }
}
