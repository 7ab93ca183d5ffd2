import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey, loadLink } from '../../../platform/graphql/loaders';
import { UUID } from '../../../platform/ids/uuid';
import { ComplaintObject, ComplaintsFacade } from '../../complaints';
import { IdentityFacade, UserSummaryObject } from '../../identity';
import { DepartmentObject, ReferenceFacade, TownshipObject } from '../../reference';
import { AccountabilityPartyKind } from '../accountability/accountability.enums';
import { AccountabilityQueries } from '../accountability/accountability.queries';
import { RectificationOrder } from '../entities/rectification-order.entity';
import { SupervisionQueries } from '../supervision.queries';
import { TaskReadService } from '../task-read.service';
import { AccountabilityCaseItemObject, AccountabilityCaseObject } from './accountability.objects';
import { RectificationOrderObject, SupervisionTaskObject } from './supervision.objects';

/** The party held to account and the officers who acted on the case, as objects. */
@Resolver(() => AccountabilityCaseObject)
export class AccountabilityCaseLinksResolver {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly identity: IdentityFacade,
  ) {}

  @ResolveField(() => DepartmentObject, {
    nullable: true,
    description: 'The department (成员单位) of `partyCode` when a department is held to account; null otherwise',
  })
  async department(
    @Parent() c: AccountabilityCaseObject,
    @Context() ctx: GqlContext,
  ): Promise<DepartmentObject | null> {
    if (c.partyKind !== AccountabilityPartyKind.DEPARTMENT) return null;
    return ctx.loaders
      .get('reference.departmentByCode', async (codes: readonly string[]) =>
        byKey(codes, await this.reference.listDepartments(), (d) => d.code),
      )
      .load(c.partyCode) as Promise<DepartmentObject | null>;
  }

  @ResolveField(() => TownshipObject, {
    nullable: true,
    description: 'The township (乡镇/街道) of `partyCode` when a township is held to account; null otherwise',
  })
  async township(@Parent() c: AccountabilityCaseObject, @Context() ctx: GqlContext): Promise<TownshipObject | null> {
    if (c.partyKind !== AccountabilityPartyKind.TOWNSHIP) return null;
    // The same loader name as Institution.township and School.township: one query per request for all.
    return ctx.loaders
      .get('reference.townshipByCode', async (codes: readonly string[]) =>
        byKey(codes, await this.reference.townshipsByCodes(codes), (t) => t.code),
      )
      .load(c.partyCode) as Promise<TownshipObject | null>;
  }

  @ResolveField(() => UserSummaryObject, {
    nullable: true,
    description: 'The officer (用户) of `statementById` as a directory summary; null until the statement is given',
  })
  async statementBy(
    @Parent() c: AccountabilityCaseObject,
    @Context() ctx: GqlContext,
  ): Promise<UserSummaryObject | null> {
    return (await this.identity.userSummaries(ctx.loaders, c.statementById ? [c.statementById] : []))[0] ?? null;
  }

  @ResolveField(() => UserSummaryObject, {
    nullable: true,
    description: 'The discipline supervisor (用户) of `decidedById` as a directory summary; null until decided',
  })
  async decidedBy(
    @Parent() c: AccountabilityCaseObject,
    @Context() ctx: GqlContext,
  ): Promise<UserSummaryObject | null> {
    return (await this.identity.userSummaries(ctx.loaders, c.decidedById ? [c.decidedById] : []))[0] ?? null;
  }
}

/**
 * An item's task, rectification order or complaint, each through the loader its other links use, so the
 * caller sees it exactly when `supervisionTask(id:)`, `rectificationOrder(id:)` or `complaint(id:)` would
 * show it (a party reading its case may not read every item).
 */
@Resolver(() => AccountabilityCaseItemObject)
export class AccountabilityItemLinksResolver {
  constructor(
    private readonly queries: SupervisionQueries,
    private readonly accountability: AccountabilityQueries,
    private readonly taskReads: TaskReadService,
    private readonly complaints: ComplaintsFacade,
  ) {}

  @ResolveField(() => SupervisionTaskObject, {
    nullable: true,
    description:
      'The task (督导任务) of `itemId` when the item is a TASK; null otherwise or when the caller may not read it',
  })
  task(
    @CurrentPrincipal() actor: Principal,
    @Parent() item: AccountabilityCaseItemObject,
    @Context() ctx: GqlContext,
  ): Promise<SupervisionTaskObject | null> {
    return loadLink(ctx.loaders, 'supervision.task-link', item.itemKind === 'TASK' ? item.itemId : null, async (ids) =>
      (
        await this.queries.readableTasksByIds(
          actor,
          ids.filter((i) => UUID.test(i)),
        )
      ).map((t): SupervisionTaskObject => ({ ...t, overdue: this.taskReads.isOverdue(t) })),
    );
  }

  @ResolveField(() => RectificationOrderObject, {
    nullable: true,
    description:
      'The rectification order (整改通知) of `itemId` when the item is an ORDER; null otherwise or when the caller may not read it',
  })
  rectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Parent() item: AccountabilityCaseItemObject,
    @Context() ctx: GqlContext,
  ): Promise<RectificationOrder | null> {
    return loadLink(ctx.loaders, 'supervision.order-link', item.itemKind === 'ORDER' ? item.itemId : null, (ids) =>
      this.accountability.readableOrdersByIds(
        actor,
        ids.filter((i) => UUID.test(i)),
      ),
    );
  }

  @ResolveField(() => ComplaintObject, {
    nullable: true,
    description:
      'The complaint (投诉) of `itemId` when the item is a COMPLAINT; null otherwise or when the caller may not read it',
  })
  complaint(
    @CurrentPrincipal() actor: Principal,
    @Parent() item: AccountabilityCaseItemObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintObject | null> {
    return this.complaints.complaintLink(ctx.loaders, actor, item.itemKind === 'COMPLAINT' ? item.itemId : null);
  }
}

export const ACCOUNTABILITY_LINK_RESOLVERS = [AccountabilityCaseLinksResolver, AccountabilityItemLinksResolver];
