import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { ReferenceFacade, SchoolObject, TeacherObject } from '../../reference';
import { InstitutionObject, RegistryFacade } from '../../registry';
import {
  ComplianceObject,
  CoverageObject,
  FamilyEducationObject,
  FundingStatementObject,
  HomeworkObject,
  ParticipationObject,
  PlanObject,
  PlanStaffObject,
  TeacherHoursObject,
} from './after-school.objects';

const TEACHER =
  'The roster teacher (在职教师) of `teacherId`; null when none or the caller may not read the roster (reference-data editors, the school’s administrator)';
const SCHOOL = 'The school (学校) of `schoolId`; null when none or the caller may not read it';

/** What the school link reads of a row. */
type WithSchool = { schoolId?: string | null };

/** The plan's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => PlanObject)
export class AfterSchoolPlanLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The participation row's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => ParticipationObject)
export class AfterSchoolParticipationLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The coverage row's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => CoverageObject)
export class AfterSchoolCoverageLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The teacher's school and roster entry as objects (one scoped statement per page through the reference module's loader). */
@Resolver(() => TeacherHoursObject)
export class TeacherHoursLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }

  @ResolveField(() => TeacherObject, { nullable: true, description: TEACHER })
  teacher(@CurrentPrincipal() actor: Principal, @Parent() row: TeacherHoursObject, @Context() ctx: GqlContext) {
    return this.reference.teacherLink(ctx.loaders, actor, row.teacherId);
  }
}

/** The homework record's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => HomeworkObject)
export class HomeworkRecordLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The compliance row's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => ComplianceObject)
export class HomeworkComplianceLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The funding statement's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => FundingStatementObject)
export class FundingStatementLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The completion row's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => FamilyEducationObject)
export class FamilyEducationLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: WithSchool, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** A plan staff member's roster entry (a teacher) or institution (institution staff) as an object. */
@Resolver(() => PlanStaffObject)
export class PlanStaffLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly reference: ReferenceFacade,
  ) {}

  @ResolveField(() => TeacherObject, { nullable: true, description: TEACHER })
  teacher(@CurrentPrincipal() actor: Principal, @Parent() staff: PlanStaffObject, @Context() ctx: GqlContext) {
    return this.reference.teacherLink(ctx.loaders, actor, staff.teacherId);
  }

  @ResolveField(() => InstitutionObject, {
    nullable: true,
    description:
      'The institution (校外培训机构) of `institutionId` (institution staff); null when none or the caller may not read it',
  })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() staff: PlanStaffObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, staff.institutionId);
  }
}

export const AFTER_SCHOOL_LINK_RESOLVERS = [
  AfterSchoolPlanLinksResolver,
  AfterSchoolParticipationLinksResolver,
  AfterSchoolCoverageLinksResolver,
  TeacherHoursLinksResolver,
  HomeworkRecordLinksResolver,
  HomeworkComplianceLinksResolver,
  FundingStatementLinksResolver,
  FamilyEducationLinksResolver,
  PlanStaffLinksResolver,
];
