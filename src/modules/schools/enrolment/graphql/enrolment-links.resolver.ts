import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { GqlContext } from '../../../../platform/graphql/context';
import { ReferenceFacade, SchoolObject } from '../../../reference';
import { EnrolmentPlanObject, SchoolSectorObject, ServiceAreaObject } from './enrolment.objects';

const SCHOOL = 'The school (学校) of `schoolId`; null when none or the caller may not read it.';

/** The plan's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => EnrolmentPlanObject)
export class EnrolmentPlanLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: EnrolmentPlanObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The area's school as an object for staff (the public reads the copied code and name; its link is null). */
@Resolver(() => ServiceAreaObject)
export class ServiceAreaLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, {
    nullable: true,
    description: `${SCHOOL} Anonymous callers get null: they read \`schoolCode\` and \`schoolName\`.`,
  })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: ServiceAreaObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The sector's school as an object. */
@Resolver(() => SchoolSectorObject)
export class SchoolSectorLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: SchoolSectorObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

export const ENROLMENT_LINK_RESOLVERS = [
  EnrolmentPlanLinksResolver,
  ServiceAreaLinksResolver,
  SchoolSectorLinksResolver,
];
