import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { Role, STAFF_ROLES } from '../../../../platform/auth/role';
import { ByIdQuery } from '../../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../../platform/graphql/pagination';
import { uuidArg } from '../../../../platform/graphql/uuid-arg.pipe';
import { TeacherBurdenDemand } from '../entities/teacher-burden-demand.entity';
import { TeacherBurdenFiguresService } from '../teacher-burden-figures.service';
import { burdenDemandNotFound } from '../teacher-burden.errors';
import { TeacherBurdenQueries } from '../teacher-burden.queries';
import { TeacherBurdenService } from '../teacher-burden.service';
import {
  DisputeTeacherBurdenApprovalInput,
  RecordTeacherBurdenDemandInput,
  TeacherBurdenBySchoolArgs,
  TeacherBurdenDemandsArgs,
  WithdrawTeacherBurdenDemandInput,
} from './teacher-burden.inputs';
import {
  TeacherBurdenDemandConnection,
  TeacherBurdenDemandObject,
  TeacherBurdenSchoolMonthObject,
} from './teacher-burden.objects';

/** Who changes approvals: the county office, and the inspection office's officers and inspectors (checked in the service). */
const DISPUTERS = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSPECTOR];

/**
 * Teacher burden (教师负担): schools record the non-teaching demands placed on them; townships read their
 * schools', EDU and the inspection office the county's, a department the demands it made.
 */
@Resolver(() => TeacherBurdenDemandObject)
export class TeacherBurdenResolver {
  constructor(
    private readonly service: TeacherBurdenService,
    private readonly queries: TeacherBurdenQueries,
    private readonly figures: TeacherBurdenFiguresService,
  ) {}

  @Roles(...STAFF_ROLES)
  @Query(() => TeacherBurdenDemandConnection, {
    description: 'Teacher-burden demands (教师负担事项) the caller may see, latest first by first day.',
    complexity: pagedComplexity,
  })
  async teacherBurdenDemands(
    @CurrentPrincipal() actor: Principal,
    @Args() args: TeacherBurdenDemandsArgs,
  ): Promise<Connection<TeacherBurdenDemandObject>> {
    const page = await this.queries.list(actor, args.filter ?? {}, args);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: TeacherBurdenDemandObject.from(e.node) })),
    };
  }

  @Roles(...STAFF_ROLES)
  @ByIdQuery(() => TeacherBurdenDemandObject, {
    node: () => TeacherBurdenDemand,
    description: 'One teacher-burden demand (教师负担事项) by id; null when none or the caller may not see it.',
  })
  async teacherBurdenDemand(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the demand.' }, uuidArg()) id: string,
  ): Promise<TeacherBurdenDemandObject> {
    const demand = await this.queries.byId(actor, id);
    if (!demand) throw burdenDemandNotFound(id);
    return TeacherBurdenDemandObject.from(demand);
  }

  @Roles(...STAFF_ROLES)
  @Query(() => [TeacherBurdenSchoolMonthObject], {
    description:
      'The burden figure per school for a month (学校月度教师负担): every school the caller may see, a school without demands at zero; by school name.',
  })
  teacherBurdenBySchool(
    @CurrentPrincipal() actor: Principal,
    @Args() args: TeacherBurdenBySchoolArgs,
  ): Promise<TeacherBurdenSchoolMonthObject[]> {
    return this.figures.bySchool(actor, args.filter);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => TeacherBurdenDemandObject, {
    description:
      'Records a non-teaching demand placed on the school (登记教师负担事项); one without an approval reference is flagged to the inspection office.',
  })
  async recordTeacherBurdenDemand(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The demand.' }) input: RecordTeacherBurdenDemandInput,
  ): Promise<TeacherBurdenDemandObject> {
    return TeacherBurdenDemandObject.from(await this.service.record(actor, input));
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => TeacherBurdenDemandObject, {
    description: 'Withdraws a demand the school recorded by mistake (撤回); it stays on record but leaves the figures.',
  })
  async withdrawTeacherBurdenDemand(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The demand and the reason.' }) input: WithdrawTeacherBurdenDemandInput,
  ): Promise<TeacherBurdenDemandObject> {
    return TeacherBurdenDemandObject.from(await this.service.withdraw(actor, input.id, input.reason));
  }

  @Roles(...DISPUTERS)
  @Mutation(() => TeacherBurdenDemandObject, {
    description:
      'The county disputes the approval reference a school declared (审批文号存疑): the demand counts as unapproved and is reviewed. County office and inspection office only.',
  })
  async disputeTeacherBurdenApproval(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The demand and the reason.' }) input: DisputeTeacherBurdenApprovalInput,
  ): Promise<TeacherBurdenDemandObject> {
    return TeacherBurdenDemandObject.from(await this.service.disputeApproval(actor, input.id, input.reason));
  }
}
