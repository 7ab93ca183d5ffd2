import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { GqlContext } from '../../../../platform/graphql/context';
import { ReferenceFacade, SchoolObject } from '../../../reference';
import { QualityResultObject, QualityRoundObject, QualityTrendPointObject } from './quality.objects';

const SCHOOL = 'The school (学校) of `schoolId`; null when none or the caller may not read it.';

/** The result's school as an object (one scoped statement per page through the reference module's loader). */
@Resolver(() => QualityResultObject)
export class QualityResultLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: QualityResultObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The trend point's school as an object (null on the county's trend). */
@Resolver(() => QualityTrendPointObject)
export class QualityTrendPointLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => SchoolObject, { nullable: true, description: SCHOOL })
  school(@CurrentPrincipal() actor: Principal, @Parent() row: QualityTrendPointObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, row.schoolId);
  }
}

/** The round's flagged schools as objects, in the order of the ids; unreadable ones left out. */
@Resolver(() => QualityRoundObject)
export class QualityRoundLinksResolver {
  constructor(private readonly reference: ReferenceFacade) {}

  @ResolveField(() => [SchoolObject], {
    description:
      'The schools (学校) of `flaggedSchoolIds`, in their order; those the caller may not read are left out.',
  })
  async flaggedSchools(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: QualityRoundObject,
    @Context() ctx: GqlContext,
  ): Promise<SchoolObject[]> {
    const schools = await Promise.all(
      row.flaggedSchoolIds.map((id) => this.reference.schoolLink(ctx.loaders, actor, id)),
    );
    return schools.filter((s): s is NonNullable<typeof s> => s !== null) as unknown as SchoolObject[];
  }
}

export const QUALITY_LINK_RESOLVERS = [
  QualityResultLinksResolver,
  QualityTrendPointLinksResolver,
  QualityRoundLinksResolver,
];
