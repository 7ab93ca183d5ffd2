import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { groupByKey } from '../../../platform/graphql/loaders';
import { PlatformApiKey } from '../entities/platform-api-key.entity';
import { PlatformKeyService } from '../platform-key.service';
import { IssuedPlatformApiKeyObject, PartnerPlatformObject, PlatformApiKeyObject } from './identity.objects';
import { IssuePlatformApiKeyInput, RegisterPartnerPlatformInput, RevokePlatformApiKeyInput } from './identity.inputs';

const keyObject = (k: PlatformApiKey): PlatformApiKeyObject => ({
  keyId: k.keyId,
  platformCode: k.platformCode,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
  active: k.revokedAt === null,
});

/** Partner platforms and their keys, managed like partner banks (docs/platform-api.md). */
@Resolver(() => PartnerPlatformObject)
export class PlatformResolver {
  constructor(private readonly platforms: PlatformKeyService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  @Query(() => [PartnerPlatformObject], {
    description: 'Partner platforms (合作平台: the national or provincial platform)',
  })
  partnerPlatforms(@CurrentPrincipal() actor: Principal): Promise<PartnerPlatformObject[]> {
    return this.platforms.listPlatforms(actor);
  }

  @ResolveField(() => [PlatformApiKeyObject], { description: 'API keys, without secrets' })
  async apiKeys(
    @Parent() platform: PartnerPlatformObject,
    @Context() ctx: GqlContext,
  ): Promise<PlatformApiKeyObject[]> {
    const keys = await ctx.loaders
      .get('identity.keysByPlatform', async (codes: readonly string[]) =>
        groupByKey(codes, await this.platforms.keysOfPlatforms(codes), (k) => k.platformCode),
      )
      .load(platform.code);
    return keys.map(keyObject);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => PartnerPlatformObject, { description: 'Registers a partner platform (登记合作平台)' })
  registerPartnerPlatform(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The new platform' }) input: RegisterPartnerPlatformInput,
  ): Promise<PartnerPlatformObject> {
    return this.platforms.registerPlatform(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => IssuedPlatformApiKeyObject, {
    description: 'Issues a platform API key (at most two active per platform); the secret is shown only in this answer',
  })
  issuePlatformApiKey(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The platform' }) input: IssuePlatformApiKeyInput,
  ): Promise<IssuedPlatformApiKeyObject> {
    return this.platforms.issueKey(actor, input.platformCode);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => PlatformApiKeyObject, { description: 'Revokes a platform API key at once' })
  async revokePlatformApiKey(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The key to revoke' }) input: RevokePlatformApiKeyInput,
  ): Promise<PlatformApiKeyObject> {
    return keyObject(await this.platforms.revokeKey(actor, input.keyId));
  }
}
