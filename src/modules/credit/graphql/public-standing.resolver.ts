import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject, InstitutionPublicProfileObject } from '../../registry';
import { CreditQueries } from '../credit.queries';
import { Standing } from '../credit-entry.types';
import { CreditStanding, CreditStandingObject } from './credit.objects';

const standingObject = (s: Standing): CreditStandingObject => ({
  standing: s.standing as CreditStanding,
  effectiveOn: s.effectiveOn,
  expiresOn: s.expiresOn,
});

/** The credit standing (信用状态) on the registry's public profile (机构公示): published entries only. */
@Resolver(() => InstitutionPublicProfileObject)
export class PublicStandingResolver {
  constructor(private readonly queries: CreditQueries) {}

  @ResolveField(() => CreditStandingObject, {
    description: 'Black / white / grey list standing (信用状态), with its effective and expiry dates',
  })
  async standing(
    @Parent() profile: InstitutionPublicProfileObject,
    @Context() ctx: GqlContext,
  ): Promise<CreditStandingObject> {
    const loader = ctx.loaders.get<string, CreditStandingObject>('credit.standing-by-code', async (codes) =>
      (await this.queries.standingsByCreditCode(codes)).map(standingObject),
    );
    return loader.load(profile.creditCode);
  }
}

/** The same standing on the registry's Institution (the front end's list), by institution id, one query per page. */
@Resolver(() => InstitutionObject)
export class InstitutionStandingResolver {
  constructor(private readonly queries: CreditQueries) {}

  @ResolveField(() => CreditStandingObject, {
    description: 'Black / white / grey list standing (信用状态), as published',
  })
  async creditStanding(
    @Parent() institution: InstitutionObject,
    @Context() ctx: GqlContext,
  ): Promise<CreditStandingObject> {
    const loader = ctx.loaders.get<string, CreditStandingObject>('credit.standing-by-institution', async (ids) =>
      (await this.queries.standings(ids)).map(standingObject),
    );
    return loader.load(institution.id);
  }
}
