import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { SupervisionTaskObject } from './supervision.objects';

const DESCRIPTION = 'The institution (校外培训机构) of `institutionId`; null when none or the caller may not read it';

/** The task's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => SupervisionTaskObject)
export class SupervisionTaskLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: DESCRIPTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() task: SupervisionTaskObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, task.institutionId);
  }
}
