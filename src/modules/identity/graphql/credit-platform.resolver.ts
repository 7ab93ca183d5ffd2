import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { groupByKey } from '../../../platform/graphql/loaders';
import { CreditPlatformKeyService } from '../credit-platform-key.service';
import { CreditPlatformApiKey } from '../entities/credit-platform-api-key.entity';
import {
  IssueCreditPlatformApiKeyInput,
  RegisterCreditPlatformInput,
  RevokeCreditPlatformApiKeyInput,
} from './identity.inputs';
import { CreditPlatformApiKeyObject, CreditPlatformObject, IssuedCreditPlatformApiKeyObject } from './identity.objects';

const keyObject = (k: CreditPlatformApiKey): CreditPlatformApiKeyObject => ({
  keyId: k.keyId,
  creditPlatformCode: k.creditPlatformCode,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
  active: k.revokedAt === null,
});

/** The credit-sharing platform and its keys, managed like partner platforms (docs/credit-platform-api.md). */
@Resolver(() => CreditPlatformObject)
export class CreditPlatformResolver {
  constructor(private readonly platforms: CreditPlatformKeyService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  @Query(() => [CreditPlatformObject], {
    description: 'Credit-sharing platforms pulling the credit feed (信用信息共享平台)',
  })
  creditPlatforms(@CurrentPrincipal() actor: Principal): Promise<CreditPlatformObject[]> {
    return this.platforms.listPlatforms(actor);
  }

  @ResolveField(() => [CreditPlatformApiKeyObject], { description: 'API keys, without secrets (接口密钥)' })
  async apiKeys(
    @Parent() platform: CreditPlatformObject,
    @Context() ctx: GqlContext,
  ): Promise<CreditPlatformApiKeyObject[]> {
    const keys = await ctx.loaders
      .get('identity.keysByCreditPlatform', async (codes: readonly string[]) =>
        groupByKey(codes, await this.platforms.keysOfPlatforms(codes), (k) => k.creditPlatformCode),
      )
      .load(platform.code);
    return keys.map(keyObject);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => CreditPlatformObject, {
    description: 'Registers the credit-sharing platform (登记信用信息共享平台)',
  })
  registerCreditPlatform(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The new credit-sharing platform (平台)' }) input: RegisterCreditPlatformInput,
  ): Promise<CreditPlatformObject> {
    return this.platforms.registerPlatform(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => IssuedCreditPlatformApiKeyObject, {
    description:
      'Issues a credit-sharing platform API key (at most two active); the secret is shown only in this answer (签发密钥)',
  })
  issueCreditPlatformApiKey(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The platform (平台)' }) input: IssueCreditPlatformApiKeyInput,
  ): Promise<IssuedCreditPlatformApiKeyObject> {
    return this.platforms.issueKey(actor, input.creditPlatformCode);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => CreditPlatformApiKeyObject, {
    description: 'Revokes a credit-sharing platform API key at once (吊销密钥)',
  })
  async revokeCreditPlatformApiKey(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The key to revoke (密钥)' }) input: RevokeCreditPlatformApiKeyInput,
  ): Promise<CreditPlatformApiKeyObject> {
    return keyObject(await this.platforms.revokeKey(actor, input.keyId));
  }
}
