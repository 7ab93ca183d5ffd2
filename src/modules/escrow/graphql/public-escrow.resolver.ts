import { Context, Field, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionPublicProfileObject } from '../../registry';
import { InstitutionEscrowService, PublicPaymentAccount } from '../institution-escrow.service';

@ObjectType('PublicEscrowAccount', {
  description:
    'Where parents pay (资金监管账户公示): the supervised escrow account at the partner bank. Paying into any other account ' +
    '(a private one, a staff member’s QR code) is not protected by the escrow',
})
export class PublicEscrowAccountObject {
  @Field({ description: 'The partner bank (合作银行) holding the account' })
  bankName!: string;

  @Field({ description: 'The supervised account number (监管账户账号)' })
  accountNo!: string;
}

/** Institution statuses that may take fees (licensed and not suspended or closed). */
const TAKING_FEES = new Set(['APPROVED', 'OPERATING']);

/**
 * The escrow payment account on the registry's public profile (机构公示), one query per request. The
 * account number is published on purpose: it is what lets a parent check that they pay into the
 * supervised account and not a private one, as the national platform (全国校外教育培训监管与服务综合平台)
 * and county notices publish it. Only an ACTIVE account of an institution that may take fees is shown.
 */
@Resolver(() => InstitutionPublicProfileObject)
export class PublicEscrowResolver {
  constructor(private readonly view: InstitutionEscrowService) {}

  @ResolveField(() => PublicEscrowAccountObject, {
    nullable: true,
    description:
      'The supervised account to pay fees into; null when there is none active or the institution may not take fees (suspended, closed)',
  })
  async escrowPaymentAccount(
    @Parent() profile: InstitutionPublicProfileObject,
    @Context() ctx: GqlContext,
  ): Promise<PublicEscrowAccountObject | null> {
    if (!TAKING_FEES.has(profile.status)) return null;
    return ctx.loaders
      .get<string, PublicPaymentAccount | null>('escrow.publicPaymentAccount', (ids) =>
        this.view.activePaymentAccounts(ids),
      )
      .load(profile.institutionId);
  }
}
