import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey } from '../../../platform/graphql/loaders';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { PrepaidQueries } from '../prepaid.queries';
import { PrepaidRefundObject } from './prepaid-money.objects';
import { PrepaidMappers } from './prepaid.mappers';
import { PrepaidContractObject } from './prepaid.objects';

const INSTITUTION = 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it';

/** The contract's institution as an object (one scoped statement per page through the registry's loader). */
@Resolver(() => PrepaidContractObject)
export class PrepaidContractLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() contract: PrepaidContractObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, contract.institutionId);
  }
}

/** The refund's contract and institution as objects, each one scoped statement per page. */
@Resolver(() => PrepaidRefundObject)
export class PrepaidRefundLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly queries: PrepaidQueries,
    private readonly mappers: PrepaidMappers,
  ) {}

  @ResolveField(() => PrepaidContractObject, {
    nullable: true,
    description: 'The contract (预付费合同) of `contractId`; null when the caller may not read it',
  })
  contract(
    @CurrentPrincipal() actor: Principal,
    @Parent() refund: PrepaidRefundObject,
    @Context() ctx: GqlContext,
  ): Promise<PrepaidContractObject | null> {
    return ctx.loaders
      .get<string, PrepaidContractObject | null>('prepaid.contract-link', async (ids) =>
        byKey(
          ids,
          (await this.queries.contractsByIds(actor, ids)).map((c) => this.mappers.contract(c)),
          (c) => c.id,
        ),
      )
      .load(refund.contractId);
  }

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() refund: PrepaidRefundObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, refund.institutionId);
  }
}
