import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { businessDate } from '../../../platform/clock/business-time';
import { Clock } from '../../../platform/clock/clock';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { READ_ROLES, RECORD_ROLES } from '../enforcement.access';
import { EnforcementQueries } from '../enforcement.queries';
import { PenaltyDecision } from '../entities/penalty-decision.entity';
import { PenaltyDecisionService } from '../penalty-decision.service';
import { PenaltyLifecycleService } from '../penalty-lifecycle.service';
import { CarryOutPenaltyInput, DecidePenaltyInput, PenaltiesArgs, WithdrawPenaltyInput } from './enforcement.inputs';
import { PenaltyDecisionConnection, PenaltyDecisionObject } from './enforcement.objects';

/** Administrative penalty decisions (行政处罚): the list, one by id, and the decide / carry out / withdraw commands. */
@Resolver(() => PenaltyDecisionObject)
export class PenaltyDecisionResolver {
  constructor(
    private readonly queries: EnforcementQueries,
    private readonly decisions: PenaltyDecisionService,
    private readonly lifecycle: PenaltyLifecycleService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private object(p: PenaltyDecision): PenaltyDecisionObject {
    return PenaltyDecisionObject.from(p, businessDate(this.clock.now(), this.config.timeZone));
  }

  @Roles(...READ_ROLES)
  @Query(() => PenaltyDecisionConnection, {
    description: "Administrative penalty decisions (行政处罚决定) in the caller's scope, newest decision first",
    complexity: pagedComplexity,
  })
  async penaltyDecisions(
    @CurrentPrincipal() actor: Principal,
    @Args() args: PenaltiesArgs,
  ): Promise<Connection<PenaltyDecisionObject>> {
    const page = await this.queries.list(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: this.object(e.node) })) };
  }

  @Roles(...READ_ROLES)
  @ByIdQuery(() => PenaltyDecisionObject, {
    node: () => PenaltyDecision,
    description: "An administrative penalty decision (行政处罚决定) in the caller's scope",
  })
  async penaltyDecision(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'The id of the decision' }, uuidArg()) id: string,
  ): Promise<PenaltyDecisionObject> {
    return this.object(await this.queries.get(actor, id));
  }

  @Roles(...RECORD_ROLES)
  @Mutation(() => PenaltyDecisionObject, {
    description:
      'Records a penalty decision (作出行政处罚决定): suspends or revokes the institution, closes the lead, writes the credit record and publishes it where the law requires; the county office or an officer of the deciding department',
  })
  async decidePenalty(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The decision as its document states it' }) input: DecidePenaltyInput,
  ): Promise<PenaltyDecisionObject> {
    return this.object(await this.decisions.decide(actor, input));
  }

  @Roles(...RECORD_ROLES)
  @Mutation(() => PenaltyDecisionObject, {
    description:
      'Records that the party carried out a decision (履行完毕); the county office or an officer of the deciding department',
  })
  async carryOutPenalty(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The decision and the day' }) input: CarryOutPenaltyInput,
  ): Promise<PenaltyDecisionObject> {
    return this.object(await this.lifecycle.carryOut(actor, input.id, input.carriedOutOn));
  }

  @Roles(...RECORD_ROLES)
  @Mutation(() => PenaltyDecisionObject, {
    description:
      'Withdraws a decision (撤销) on review, in court or by the department: off the public profile and the credit-sharing feed; the county office or an officer of the deciding department',
  })
  async withdrawPenalty(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The decision, the ground, the reason and the day' }) input: WithdrawPenaltyInput,
  ): Promise<PenaltyDecisionObject> {
    return this.object(await this.lifecycle.withdraw(actor, input.id, input.ground, input.reason, input.withdrawnOn));
  }
}
