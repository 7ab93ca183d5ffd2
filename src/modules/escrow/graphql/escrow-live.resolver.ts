import { Context, Field, ObjectType, Resolver, Subscription, registerEnumType } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { EventName } from '../../../platform/events';
import { GqlContext } from '../../../platform/graphql/context';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { EscrowAccountReadService } from '../escrow-account-read.service';
import { READER_ROLES } from '../escrow.access';
import { EscrowAlertObject } from './escrow.objects';

export enum EscrowAlertChangeKind {
  RAISED = 'RAISED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

registerEnumType(EscrowAlertChangeKind, {
  name: 'EscrowAlertChangeKind',
  description: 'What happened to an escrow alert (资金监管预警)',
  valuesMap: {
    RAISED: { description: 'The alert was raised' },
    ACKNOWLEDGED: { description: 'An officer acknowledged it (someone follows it up)' },
    RESOLVED: { description: 'It resolved (the condition cleared, or the account closed)' },
  },
});

const KIND_OF: Partial<Record<EventName, EscrowAlertChangeKind>> = {
  'escrow.alert.raised': EscrowAlertChangeKind.RAISED,
  'escrow.alert.acknowledged': EscrowAlertChangeKind.ACKNOWLEDGED,
  'escrow.alert.resolved': EscrowAlertChangeKind.RESOLVED,
};

@ObjectType('EscrowAlertChange', { description: 'A live update of an escrow alert (资金监管预警)' })
export class EscrowAlertChangeObject {
  @Field(() => EscrowAlertChangeKind, { description: 'What happened' })
  kind!: EscrowAlertChangeKind;

  @Field(() => EscrowAlertObject, { description: 'The alert as `escrowAlerts` shows it to me now' })
  alert!: EscrowAlertObject;
}

/** Live updates of escrow alerts over graphql-ws, scoped like `escrowAlerts` (docs/graphql.md#live-updates). */
@Resolver()
export class EscrowLiveResolver {
  constructor(
    private readonly accounts: EscrowAccountReadService,
    private readonly live: LiveUpdates,
  ) {}

  @Roles(...READER_ROLES)
  @Subscription(() => EscrowAlertChangeObject, {
    description:
      'Escrow alerts raised, acknowledged and resolved among those I may read (at most once: after a reconnect, refetch `escrowAlerts`)',
    resolve: (change: EscrowAlertChangeObject) => change,
  })
  escrowAlertChanged(
    @CurrentPrincipal() actor: Principal,
    @Context() ctx: GqlContext,
  ): AsyncIterableIterator<EscrowAlertChangeObject> {
    return this.live.stream(
      Object.keys(KIND_OF) as EventName[],
      async (m) => ({ kind: KIND_OF[m.event]!, alert: { ...(await this.accounts.getAlert(actor, m.id)) } }),
      ctx,
    );
  }
}
