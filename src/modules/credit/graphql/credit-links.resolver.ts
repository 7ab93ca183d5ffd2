import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { loadLinks } from '../../../platform/graphql/loaders';
import { UUID } from '../../../platform/ids/uuid';
import { InstitutionObject, RegistryFacade, StaffObject } from '../../registry';
import { CreditQueries } from '../credit.queries';
import { recordObject } from './credit.mappers';
import { CreditEntryObject, CreditRecordObject, WhitelistEligibilityObject } from './credit.objects';

const INSTITUTION = 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it';

/** The list entry's institution and records as objects (one scoped statement per page each). */
@Resolver(() => CreditEntryObject)
export class CreditEntryLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly queries: CreditQueries,
  ) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() entry: CreditEntryObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, entry.institutionId);
  }

  @ResolveField(() => [CreditRecordObject], {
    description:
      'The credit records (信用记录) of `recordIds` the entry rests on, in that order; a record the caller may not read is left out',
  })
  records(
    @CurrentPrincipal() actor: Principal,
    @Parent() entry: CreditEntryObject,
    @Context() ctx: GqlContext,
  ): Promise<CreditRecordObject[]> {
    return loadLinks(ctx.loaders, 'credit.record-link', entry.recordIds, async (ids) =>
      (
        await this.queries.readableRecordsByIds(
          actor,
          ids.filter((i) => UUID.test(i)),
        )
      ).map(recordObject),
    );
  }
}

/** The record's staff member as an object (the registry's loader). */
@Resolver(() => CreditRecordObject)
export class CreditRecordLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => StaffObject, {
    nullable: true,
    description:
      'The staff member (从业人员) of `staffId` (ID number masked); null when none or the caller may not read their institution',
  })
  staff(
    @CurrentPrincipal() actor: Principal,
    @Parent() record: CreditRecordObject,
    @Context() ctx: GqlContext,
  ): Promise<StaffObject | null> {
    return this.registry.staffLink(ctx.loaders, actor, record.staffId);
  }
}

/** The eligibility's institution as an object (the registry's loader). */
@Resolver(() => WhitelistEligibilityObject)
export class WhitelistEligibilityLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() eligibility: WhitelistEligibilityObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, eligibility.institutionId);
  }
}

export const CREDIT_LINK_RESOLVERS = [
  CreditEntryLinksResolver,
  CreditRecordLinksResolver,
  WhitelistEligibilityLinksResolver,
];
