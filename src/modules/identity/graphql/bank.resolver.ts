import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { groupByKey } from '../../../platform/graphql/loaders';
import { BankKeyService } from '../bank-key.service';
import { BankApiKey } from '../entities/bank-api-key.entity';
import { BankApiKeyObject, IssuedBankApiKeyObject, PartnerBankObject } from './identity.objects';
import {
  BankApiKeysArgs,
  IssueBankApiKeyInput,
  RegisterPartnerBankInput,
  RevokeBankApiKeyInput,
} from './identity.inputs';

const keyObject = (k: BankApiKey): BankApiKeyObject => ({
  keyId: k.keyId,
  bankCode: k.bankCode,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
  active: k.revokedAt === null,
});

@Resolver(() => PartnerBankObject)
export class BankResolver {
  constructor(private readonly banks: BankKeyService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  @Query(() => [PartnerBankObject], { description: 'Partner banks (合作银行)' })
  partnerBanks(@CurrentPrincipal() actor: Principal): Promise<PartnerBankObject[]> {
    return this.banks.listBanks(actor);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  @Query(() => [BankApiKeyObject], { description: "A bank's API keys, without secrets" })
  async bankApiKeys(
    @CurrentPrincipal() actor: Principal,
    @Args() { filter }: BankApiKeysArgs,
  ): Promise<BankApiKeyObject[]> {
    return (await this.banks.listKeys(actor, filter.bankCode)).map(keyObject);
  }

  @ResolveField(() => [BankApiKeyObject], { description: 'API keys, without secrets' })
  async apiKeys(@Parent() bank: PartnerBankObject, @Context() ctx: GqlContext): Promise<BankApiKeyObject[]> {
    const keys = await ctx.loaders
      .get('identity.keysByBank', async (codes: readonly string[]) =>
        groupByKey(codes, await this.banks.keysOfBanks(codes), (k) => k.bankCode),
      )
      .load(bank.code);
    return keys.map(keyObject);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => PartnerBankObject, { description: 'Registers a partner bank (登记合作银行)' })
  registerPartnerBank(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The new bank' }) input: RegisterPartnerBankInput,
  ): Promise<PartnerBankObject> {
    return this.banks.registerBank(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => IssuedBankApiKeyObject, {
    description: 'Issues an API key (at most two active per bank); the secret is shown only in this answer',
  })
  issueBankApiKey(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The bank' }) input: IssueBankApiKeyInput,
  ): Promise<IssuedBankApiKeyObject> {
    return this.banks.issueKey(actor, input.bankCode);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => BankApiKeyObject, { description: 'Revokes an API key at once' })
  async revokeBankApiKey(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The key to revoke' }) input: RevokeBankApiKeyInput,
  ): Promise<BankApiKeyObject> {
    return keyObject(await this.banks.revokeKey(actor, input.keyId));
  }
}
