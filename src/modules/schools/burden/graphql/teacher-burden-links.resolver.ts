import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { GqlContext } from '../../../../platform/graphql/context';
import { ReferenceFacade, SchoolObject } from '../../../reference';
import { TeacherBurdenDemandObject, TeacherBurdenSchoolMonthObject } from './teacher-burden.objects';

const SCHOOL = 'The school (学校) of `schoolId`; null when none or the caller may not read it';

/** The demand's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => TeacherBurdenDemandObject)
export class TeacherBurdenDemandLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: { schoolId: string }, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The figure row's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => TeacherBurdenSchoolMonthObject)
export class TeacherBurdenSchoolMonthLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: { schoolId: string }, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

export const TEACHER_BURDEN_LINK_RESOLVERS = [TeacherBurdenDemandLinksResolver, TeacherBurdenSchoolMonthLinksResolver];
