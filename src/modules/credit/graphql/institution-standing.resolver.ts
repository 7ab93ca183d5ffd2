import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject } from '../../registry';
import { CreditEntryService } from '../credit-entry.service';
import { CreditStanding, CreditStandingObject } from './credit.objects';

/** The list standing (信用状态) on the registry's Institution: published entries only, one query per page. */
@Resolver(() => InstitutionObject)
export class InstitutionStandingResolver {
  constructor(private readonly entries: CreditEntryService) {}

  @ResolveField(() => CreditStandingObject, { description: 'Black / white / grey list standing (信用状态), as published' })
  async creditStanding(@Parent() institution: InstitutionObject, @Context() ctx: GqlContext): Promise<CreditStandingObject> {
    const loader = ctx.loaders.get<string, CreditStandingObject>('credit.standing-by-institution', async (ids) =>
      (await this.entries.standings(ids)).map((s) => ({ standing: s.standing as CreditStanding, effectiveOn: s.effectiveOn, expiresOn: s.expiresOn })),
    );
    return loader.load(institution.id);
  }
}
