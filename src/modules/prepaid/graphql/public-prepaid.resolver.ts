import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionPublicProfileObject } from '../../registry';
import { PrepaidFacade } from '../prepaid.facade';

/**
 * "Sells under supervised contracts" on the registry's public profile (机构公示), one query per request.
 * The field belongs to the prepaid module and extends the registry's object, as escrow's payment account
 * and credit's standing do: the registry never imports prepaid (prepaid imports the registry).
 */
@Resolver(() => InstitutionPublicProfileObject)
export class PublicPrepaidResolver {
  constructor(private readonly prepaid: PrepaidFacade) {}

  @ResolveField(() => Boolean, {
    description:
      'Sells under supervised prepaid contracts (预付费合同监管, 一课一消): a contract registered with the supervision service in the ' +
      'last 12 months, or one still being taught. false: pay lesson by lesson, or ask for a registered contract',
  })
  async sellsUnderSupervisedContracts(
    @Parent() profile: InstitutionPublicProfileObject,
    @Context() ctx: GqlContext,
  ): Promise<boolean> {
    return ctx.loaders
      .get<string, boolean>('prepaid.sellingUnderContracts', async (ids) => {
        const selling = await this.prepaid.sellingUnderContracts(ids);
        return ids.map((id) => selling.has(id));
      })
      .load(profile.institutionId);
  }
}
