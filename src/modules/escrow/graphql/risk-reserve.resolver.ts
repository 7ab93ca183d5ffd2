import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { formatMoney } from '../../../platform/database/money';
import { GqlContext } from '../../../platform/graphql/context';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { InstitutionObject } from '../../registry';
import { MANAGER_ROLES, READER_ROLES } from '../escrow.access';
import { EscrowRiskReserve } from '../entities/escrow-risk-reserve.entity';
import { RiskReserveService, reserveCovers } from '../risk-reserve.service';
import { RegisterRiskReserveInput, ReleaseRiskReserveInput } from './escrow.inputs';
import { RiskReserveObject } from './escrow.objects';

export const riskReserveObject = (r: EscrowRiskReserve, today: string): RiskReserveObject => ({
  id: r.id,
  institutionId: r.institutionId,
  amount: formatMoney(r.amountFen),
  bankName: r.bankName,
  accountNo: r.accountNo,
  depositedOn: r.depositedOn,
  validUntil: r.validUntil,
  status: r.status,
  expired: r.status === 'ACTIVE' && r.validUntil !== null && r.validUntil < today,
  covering: reserveCovers(r, today),
  townshipCode: r.townshipCode,
  registeredAt: r.registeredAt,
  releasedAt: r.releasedAt,
  releaseReason: r.releaseReason,
});

/**
 * Risk reserves (风险保证金), the alternative to a bank custody account: the same managers as escrow
 * accounts register and release them; readers of escrow accounts read them (township officers: their
 * township's).
 */
@Resolver(() => RiskReserveObject)
export class RiskReserveResolver {
  constructor(private readonly reserves: RiskReserveService) {}

  @Roles(...READER_ROLES)
  @Query(() => [RiskReserveObject], {
    description: "An institution's risk reserves (风险保证金): the ACTIVE one first, then released ones, newest first.",
  })
  async riskReserves(
    @CurrentPrincipal() actor: Principal,
    @Args(
      'institutionId',
      { type: () => ID, description: 'Id of the institution (校外培训机构) whose reserves to list.' },
      uuidArg('institutionId'),
    )
    institutionId: string,
  ): Promise<RiskReserveObject[]> {
    const today = this.reserves.today();
    return (await this.reserves.list(actor, institutionId)).map((r) => riskReserveObject(r, today));
  }

  @Roles(...MANAGER_ROLES)
  @Mutation(() => RiskReserveObject, {
    description:
      'Registers a risk reserve (风险保证金) an approved or operating institution deposited instead of bank custody; it covers the institution (its open NO_ESCROW_ACCOUNT alert resolves) while ACTIVE and not past validUntil. Refused with RISK_RESERVE_EXISTS while the institution has an ACTIVE one, RISK_RESERVE_BELOW_MINIMUM under the county rule escrow.risk_reserve_min_fen.',
  })
  async registerRiskReserve(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, amount, where it is held and its days.' })
    input: RegisterRiskReserveInput,
  ): Promise<RiskReserveObject> {
    return riskReserveObject(await this.reserves.register(actor, input), this.reserves.today());
  }

  @Roles(...MANAGER_ROLES)
  @Mutation(() => RiskReserveObject, {
    description:
      'Releases (退还) a risk reserve; an operating institution left with neither an escrow account nor a reserve gets NO_ESCROW_ACCOUNT at the next check.',
  })
  async releaseRiskReserve(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The reserve and why it is released.' }) input: ReleaseRiskReserveInput,
  ): Promise<RiskReserveObject> {
    return riskReserveObject(await this.reserves.release(actor, input.id, input.reason), this.reserves.today());
  }
}

/** The ACTIVE risk reserve on the registry's Institution, batched per page; shown if the caller may see it. */
@Resolver(() => InstitutionObject)
export class InstitutionRiskReserveResolver {
  constructor(private readonly reserves: RiskReserveService) {}

  @ResolveField(() => RiskReserveObject, {
    nullable: true,
    description: 'The ACTIVE risk reserve (风险保证金), expired or not; null if none.',
  })
  async riskReserve(
    @CurrentPrincipal() actor: Principal,
    @Parent() institution: InstitutionObject,
    @Context() ctx: GqlContext,
  ): Promise<RiskReserveObject | null> {
    const reserve = await ctx.loaders
      .get<string, EscrowRiskReserve | null>('escrow.activeRiskReserve', (ids) => this.reserves.activeReserves(ids))
      .load(institution.id);
    return reserve && this.reserves.visible(actor, reserve) ? riskReserveObject(reserve, this.reserves.today()) : null;
  }
}
