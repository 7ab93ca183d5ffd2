import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { RegistryFacade } from '../registry.facade';
import {
  AnnualReviewObject,
  CourseObject,
  InstitutionObject,
  PremisesObject,
  StaffObject,
  TrainingMaterialObject,
  UnlicensedLeadObject,
} from './registry.objects';
import { StaffBarObject } from './staff-bar.resolver';

const INSTITUTION = 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it';
const INSTITUTION_OR_NONE =
  'The institution (校外培训机构) of `institutionId`; null when none or the caller may not read it';

/** The premises's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => PremisesObject)
export class PremisesLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: PremisesObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }
}

/** The staff member's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => StaffObject)
export class StaffLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: StaffObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }
}

/** The course's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => CourseObject)
export class CourseLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: CourseObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }
}

/** The material's institution and course as objects (one scoped statement per page through the registry's loader). */
@Resolver(() => TrainingMaterialObject)
export class TrainingMaterialLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: TrainingMaterialObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }

  @ResolveField(() => CourseObject, {
    nullable: true,
    description: 'The course (课程) of `courseId`; null when none or the caller may not read its institution',
  })
  course(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: TrainingMaterialObject,
    @Context() ctx: GqlContext,
  ): Promise<CourseObject | null> {
    return this.registry.courseLink(ctx.loaders, actor, row.courseId);
  }
}

/** The bar's staff member as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => StaffBarObject)
export class StaffBarLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => StaffObject, {
    nullable: true,
    description:
      'The staff member (从业人员) of `staffId` (ID number masked); null when none or the caller may not read their institution',
  })
  staff(
    @CurrentPrincipal() actor: Principal,
    @Parent() bar: StaffBarObject,
    @Context() ctx: GqlContext,
  ): Promise<StaffObject | null> {
    return this.registry.staffLink(ctx.loaders, actor, bar.staffId);
  }
}

/** The review's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => AnnualReviewObject)
export class AnnualReviewLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: AnnualReviewObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }
}

/** The lead's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => UnlicensedLeadObject)
export class UnlicensedLeadLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION_OR_NONE })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: UnlicensedLeadObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }
}

export const REGISTRY_LINK_RESOLVERS = [
  PremisesLinksResolver,
  StaffLinksResolver,
  CourseLinksResolver,
  TrainingMaterialLinksResolver,
  AnnualReviewLinksResolver,
  UnlicensedLeadLinksResolver,
  StaffBarLinksResolver,
];
