import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { STAFF_ROLES } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { Loaders, loadLink } from '../../../platform/graphql/loaders';
import { UUID } from '../../../platform/ids/uuid';
import { IdentityFacade, UserSummaryObject } from '../../identity';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { SupervisionCampaign } from '../entities/supervision-campaign.entity';
import { SupervisionFinding } from '../entities/supervision-finding.entity';
import { SupervisionQueries } from '../supervision.queries';
import { TaskReadService } from '../task-read.service';
import {
  CampaignObject,
  FindingObject,
  RectificationOrderObject,
  SupervisionTaskObject,
  ViolationObject,
} from './supervision.objects';

const INSTITUTION = 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it';
const INSTITUTION_OR_NONE =
  'The institution (校外培训机构) of `institutionId`; null when none or the caller may not read it';

/**
 * The links to a task, a finding and a campaign, each one per-request loader with one statement per page:
 * a task or finding only when the caller may read the task (the scope of `supervisionTask(id:)`, in SQL), a
 * campaign for every staff role (as `supervisionCampaign(id:)`).
 */
abstract class SupervisionLinks {
  constructor(
    protected readonly queries: SupervisionQueries,
    protected readonly taskReads: TaskReadService,
  ) {}

  protected task(loaders: Loaders, actor: Principal, id: string | null | undefined) {
    return loadLink(loaders, 'supervision.task-link', id, async (ids) =>
      (
        await this.queries.readableTasksByIds(
          actor,
          ids.filter((i) => UUID.test(i)),
        )
      ).map((t): SupervisionTaskObject => ({ ...t, overdue: this.taskReads.isOverdue(t) })),
    );
  }

  protected finding(loaders: Loaders, actor: Principal, id: string): Promise<SupervisionFinding | null> {
    return loadLink(loaders, 'supervision.finding-link', id, (ids) =>
      this.queries.readableFindingsByIds(
        actor,
        ids.filter((i) => UUID.test(i)),
      ),
    );
  }

  protected campaign(loaders: Loaders, actor: Principal, id: string | null): Promise<SupervisionCampaign | null> {
    return loadLink(loaders, 'supervision.campaign-link', id, (ids) =>
      actor.kind === 'user' && STAFF_ROLES.includes(actor.role)
        ? this.queries.campaignsByIds(ids.filter((i) => UUID.test(i)))
        : Promise.resolve([]),
    );
  }
}

/** The task's institution, campaign and assignees as objects. */
@Resolver(() => SupervisionTaskObject)
export class SupervisionTaskLinksResolver extends SupervisionLinks {
  constructor(
    queries: SupervisionQueries,
    taskReads: TaskReadService,
    private readonly registry: RegistryFacade,
    private readonly identity: IdentityFacade,
  ) {
    super(queries, taskReads);
  }

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION_OR_NONE })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() task: SupervisionTaskObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, task.institutionId);
  }

  @ResolveField(() => CampaignObject, {
    name: 'campaign',
    nullable: true,
    description: 'The campaign (专项行动) of `campaignId`; null when the task belongs to none',
  })
  campaignLink(
    @CurrentPrincipal() actor: Principal,
    @Parent() task: SupervisionTaskObject,
    @Context() ctx: GqlContext,
  ): Promise<SupervisionCampaign | null> {
    return this.campaign(ctx.loaders, actor, task.campaignId);
  }

  @ResolveField(() => [UserSummaryObject], {
    description:
      'The people (用户) of `assigneeIds`, in that order, as directory summaries (whoever may read the task sees who works on it); an id of no user is left out',
  })
  assignees(@Parent() task: SupervisionTaskObject, @Context() ctx: GqlContext): Promise<UserSummaryObject[]> {
    return this.identity.userSummaries(ctx.loaders, task.assigneeIds);
  }
}

/** The order's institution, task, re-check task and finding as objects. */
@Resolver(() => RectificationOrderObject)
export class RectificationOrderLinksResolver extends SupervisionLinks {
  constructor(
    queries: SupervisionQueries,
    taskReads: TaskReadService,
    private readonly registry: RegistryFacade,
  ) {
    super(queries, taskReads);
  }

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION_OR_NONE })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() order: RectificationOrderObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, order.institutionId);
  }

  @ResolveField(() => SupervisionTaskObject, {
    name: 'task',
    nullable: true,
    description:
      'The task (督导任务) of `taskId` whose finding ordered the rectification; null when the caller may not read it',
  })
  taskLink(
    @CurrentPrincipal() actor: Principal,
    @Parent() order: RectificationOrderObject,
    @Context() ctx: GqlContext,
  ) {
    return this.task(ctx.loaders, actor, order.taskId);
  }

  @ResolveField(() => SupervisionTaskObject, {
    nullable: true,
    description: 'The re-check task (整改复查) of `recheckTaskId`; null when none yet or the caller may not read it',
  })
  recheckTask(
    @CurrentPrincipal() actor: Principal,
    @Parent() order: RectificationOrderObject,
    @Context() ctx: GqlContext,
  ) {
    return this.task(ctx.loaders, actor, order.recheckTaskId);
  }

  @ResolveField(() => FindingObject, {
    name: 'finding',
    nullable: true,
    description: 'The finding (检查结果) of `findingId`; null when the caller may not read its task',
  })
  findingLink(
    @CurrentPrincipal() actor: Principal,
    @Parent() order: RectificationOrderObject,
    @Context() ctx: GqlContext,
  ): Promise<SupervisionFinding | null> {
    return this.finding(ctx.loaders, actor, order.findingId);
  }
}

/** The finding's task as an object. */
@Resolver(() => FindingObject)
export class FindingLinksResolver extends SupervisionLinks {
  // Its own constructor: Nest reads the injected types from this class's metadata, not the base class's.
  constructor(queries: SupervisionQueries, taskReads: TaskReadService) {
    super(queries, taskReads);
  }

  @ResolveField(() => SupervisionTaskObject, {
    name: 'task',
    nullable: true,
    description: 'The task (督导任务) of `taskId`; null when the caller may not read it',
  })
  taskLink(@CurrentPrincipal() actor: Principal, @Parent() finding: FindingObject, @Context() ctx: GqlContext) {
    return this.task(ctx.loaders, actor, finding.taskId);
  }
}

/** The violation's institution as an object. */
@Resolver(() => ViolationObject)
export class ViolationLinksResolver {
  constructor(private readonly registry: RegistryFacade) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() violation: ViolationObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, violation.institutionId);
  }
}

export const SUPERVISION_LINK_RESOLVERS = [
  SupervisionTaskLinksResolver,
  RectificationOrderLinksResolver,
  FindingLinksResolver,
  ViolationLinksResolver,
];
