import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { EscrowFacade } from '../escrow.facade';
import { BankInstructionObject, EscrowAccountObject, EscrowAlertObject, RiskReserveObject } from './escrow.objects';
import { AccountNode } from './escrow.resolver';

const INSTITUTION = 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it';

/** The alert's institution and account as objects (one scoped statement per page each, through the loaders). */
@Resolver(() => EscrowAlertObject)
export class EscrowAlertLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly escrow: EscrowFacade,
  ) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() alert: EscrowAlertObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, alert.institutionId);
  }

  @ResolveField(() => EscrowAccountObject, {
    nullable: true,
    description: 'The escrow account (监管账户) of `accountId`; null when none or the caller may not read it',
  })
  account(
    @CurrentPrincipal() actor: Principal,
    @Parent() alert: EscrowAlertObject,
    @Context() ctx: GqlContext,
  ): Promise<AccountNode | null> {
    return this.escrow.accountLink(ctx.loaders, actor, alert.accountId);
  }
}

/** The instruction's account as an object (its contracts are linked by the prepaid module, which owns them). */
@Resolver(() => BankInstructionObject)
export class BankInstructionLinksResolver {
  constructor(private readonly escrow: EscrowFacade) {}

  @ResolveField(() => EscrowAccountObject, {
    nullable: true,
    description: 'The escrow account (监管账户) of `accountId`; null when the caller may not read it',
  })
  account(
    @CurrentPrincipal() actor: Principal,
    @Parent() instruction: BankInstructionObject,
    @Context() ctx: GqlContext,
  ): Promise<AccountNode | null> {
    return this.escrow.accountLink(ctx.loaders, actor, instruction.accountId);
  }
}

/** The reserve's institution as an object. */
@Resolver(() => RiskReserveObject)
export class RiskReserveLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() reserve: RiskReserveObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, reserve.institutionId);
  }
}

export const ESCROW_LINK_RESOLVERS = [EscrowAlertLinksResolver, BankInstructionLinksResolver, RiskReserveLinksResolver];
