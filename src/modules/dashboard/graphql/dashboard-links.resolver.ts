import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { PrepaidInstitutionObject } from './dashboard-prepaid.objects';

/** The dashboard row's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => PrepaidInstitutionObject)
export class DashboardPrepaidInstitutionLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, {
    nullable: true,
    description: 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it',
  })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() row: PrepaidInstitutionObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, row.institutionId);
  }
}
