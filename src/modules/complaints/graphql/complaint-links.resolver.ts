import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { ComplaintsFacade } from '../complaints.facade';
import { ComplaintObject } from './complaints.objects';

/** The complaint's institution and the complaint it duplicates as objects (each one scoped statement per page). */
@Resolver(() => ComplaintObject)
export class ComplaintLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly complaints: ComplaintsFacade,
  ) {}

  @ResolveField(() => InstitutionObject, {
    nullable: true,
    description: 'The institution (校外培训机构) of `institutionId`; null when none or the caller may not read it',
  })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() complaint: ComplaintObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, complaint.institutionId);
  }

  @ResolveField(() => ComplaintObject, {
    nullable: true,
    description: 'The earlier complaint (投诉) of `duplicateOfId`; null when none or the caller may not read it',
  })
  duplicateOf(
    @CurrentPrincipal() actor: Principal,
    @Parent() complaint: ComplaintObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintObject | null> {
    return this.complaints.complaintLink(ctx.loaders, actor, complaint.duplicateOfId);
  }
}
