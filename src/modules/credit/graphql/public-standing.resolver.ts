import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionPublicProfileObject } from '../../registry';
import { CreditEntryService } from '../credit-entry.service';
import { CreditStanding, CreditStandingObject } from './credit.objects';

/** The credit standing (信用状态) on the registry's public profile (机构公示): published entries only. */
@Resolver(() => InstitutionPublicProfileObject)
export class PublicStandingResolver {
  constructor(private readonly entries: CreditEntryService) {}

  @ResolveField(() => CreditStandingObject, { description: 'Black / white / grey list standing (信用状态), with its effective and expiry dates' })
  async standing(@Parent() profile: InstitutionPublicProfileObject, @Context() ctx: GqlContext): Promise<CreditStandingObject> {
    const loader = ctx.loaders.get<string, CreditStandingObject>('credit.standing-by-code', async (codes) =>
      (await this.entries.standingsByCreditCode(codes)).map((s) => ({ standing: s.standing as CreditStanding, effectiveOn: s.effectiveOn, expiresOn: s.expiresOn })),
    );
    return loader.load(profile.creditCode);
  }
}
