import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, CurrentPrincipal, Roles } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { Role } from '../../../../platform/auth/role';
import { ByIdQuery } from '../../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../../platform/graphql/pagination';
import { uuidArg } from '../../../../platform/graphql/uuid-arg.pipe';
import { EnrolmentPlan } from '../enrolment-plan.entity';
import { EnrolmentQueries } from '../enrolment.queries';
import { EnrolmentService } from '../enrolment.service';
import {
  EnrolmentPlansArgs,
  RecordEnrolmentPlanInput,
  ReviewEnrolmentPlanInput,
  ServiceAreasArgs,
  SetEnrolmentCalendarInput,
  SetSchoolSectorInput,
  SetServiceAreaInput,
} from './enrolment.inputs';
import {
  EnrolmentCalendarObject,
  EnrolmentPlanConnection,
  EnrolmentPlanObject,
  SchoolSectorObject,
  ServiceAreaConnection,
  ServiceAreaObject,
} from './enrolment.objects';

/** Who reads enrolment plans: EDU and county roles all, township officers their township, schools their own. */
const PLAN_READERS = [
  Role.COUNTY_ADMIN,
  Role.DEPARTMENT_OFFICER,
  Role.TOWNSHIP_OFFICER,
  Role.SCHOOL_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
] as const;

@Resolver(() => EnrolmentPlanObject)
export class EnrolmentResolver {
  constructor(
    private readonly enrolment: EnrolmentService,
    private readonly queries: EnrolmentQueries,
  ) {}

  @Public()
  @Query(() => ServiceAreaConnection, {
    description:
      'Published service areas (服务范围) of a year, no login: which schools serve a township or grid cell, or one school’s area; by school code.',
    complexity: pagedComplexity,
  })
  async serviceAreas(@Args() args: ServiceAreasArgs): Promise<Connection<ServiceAreaObject>> {
    const page = await this.queries.listServiceAreas(args.filter, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: ServiceAreaObject.from(e.node) })) };
  }

  @Public()
  @Query(() => EnrolmentCalendarObject, {
    nullable: true,
    description:
      "The county's enrolment calendar of a year (全县招生日程), no login; null until the Education Bureau sets it.",
  })
  enrolmentCalendar(
    @Args('year', { type: () => Int, description: 'The enrolment year (招生年度).' }) year: number,
  ): Promise<EnrolmentCalendarObject | null> {
    return this.enrolment.calendar(Math.trunc(year));
  }

  @Roles(...PLAN_READERS)
  @Query(() => EnrolmentPlanConnection, {
    description:
      "Enrolment plans (招生计划) in the caller's scope, latest recorded first (EDU: all; township officers: their township; schools: their own).",
    complexity: pagedComplexity,
  })
  async enrolmentPlans(
    @CurrentPrincipal() actor: Principal,
    @Args() args: EnrolmentPlansArgs,
  ): Promise<Connection<EnrolmentPlanObject>> {
    const page = await this.queries.listPlans(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: EnrolmentPlanObject.from(e.node) })) };
  }

  @Roles(...PLAN_READERS)
  @ByIdQuery(() => EnrolmentPlanObject, {
    node: () => EnrolmentPlan,
    description: "An enrolment plan (招生计划) in the caller's scope.",
  })
  async enrolmentPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'The id of the plan.' }, uuidArg()) id: string,
  ): Promise<EnrolmentPlanObject> {
    return EnrolmentPlanObject.from(await this.queries.getPlan(actor, id));
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => EnrolmentCalendarObject, {
    description:
      "Sets the county's enrolment calendar of a year (设定全县招生日程), which every school's plan must use; the Education Bureau (EDU).",
  })
  setEnrolmentCalendar(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The year and its registration and admission dates.' })
    input: SetEnrolmentCalendarInput,
  ): Promise<EnrolmentCalendarObject> {
    return this.enrolment.setCalendar(actor, {
      year: input.year,
      registrationStart: input.registrationStart,
      registrationEnd: input.registrationEnd,
      admissionDate: input.admissionDate,
    });
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => SchoolSectorObject, {
    description: 'Records whether a school is public or private (登记办学性质); the Education Bureau (EDU).',
  })
  async setSchoolSector(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school and its sector.' }) input: SetSchoolSectorInput,
  ): Promise<SchoolSectorObject> {
    return { schoolId: input.schoolId, sector: await this.enrolment.setSector(actor, input.schoolId, input.sector) };
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => ServiceAreaObject, {
    description:
      "Publishes or replaces a public school's service area for a year (划定公布服务范围); the Education Bureau (EDU).",
  })
  async setServiceArea(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school, the year, the townships and grid cells.' }) input: SetServiceAreaInput,
  ): Promise<ServiceAreaObject> {
    return ServiceAreaObject.from(await this.enrolment.setServiceArea(actor, input));
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => EnrolmentPlanObject, {
    description:
      "Records or replaces the school's enrolment plan for a year (填报招生计划), refused with the broken rule's code when it breaks the enrolment rules; the school administrator.",
  })
  async recordEnrolmentPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan.' }) input: RecordEnrolmentPlanInput,
  ): Promise<EnrolmentPlanObject> {
    return EnrolmentPlanObject.from(
      await this.enrolment.recordPlan(actor, {
        schoolId: input.schoolId,
        year: input.year,
        places: input.places.map((p) => ({ grade: p.grade, places: p.places })),
        registrationStart: input.registrationStart,
        registrationEnd: input.registrationEnd,
        admissionDate: input.admissionDate,
        admissionMethod: input.admissionMethod,
        notes: input.notes ?? null,
      }),
    );
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => EnrolmentPlanObject, {
    description: 'Approves or returns a submitted enrolment plan (审核招生计划); the Education Bureau (EDU).',
  })
  async reviewEnrolmentPlan(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The plan, the decision and a comment.' }) input: ReviewEnrolmentPlanInput,
  ): Promise<EnrolmentPlanObject> {
    return EnrolmentPlanObject.from(
      await this.enrolment.reviewPlan(actor, input.id, input.decision, input.comment ?? null),
    );
  }
}
