import { Context, Field, ObjectType, Resolver, Subscription, registerEnumType } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { COMPLAINT_READERS } from '../complaints.access';
import { Clock } from '../../../platform/clock/clock';
import { EventName } from '../../../platform/events';
import { GqlContext } from '../../../platform/graphql/context';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { ComplaintReadService } from '../complaint-read.service';
import { ComplaintObject } from './complaints.objects';

export enum ComplaintChangeKind {
  RECEIVED = 'RECEIVED',
  UPDATED = 'UPDATED',
  OVERDUE = 'OVERDUE',
  INSTITUTION_REPLIED = 'INSTITUTION_REPLIED',
}

registerEnumType(ComplaintChangeKind, {
  name: 'ComplaintChangeKind',
  description: 'What happened to a complaint (投诉/信访)',
  valuesMap: {
    RECEIVED: { description: 'The complaint came in (any channel)' },
    UPDATED: {
      description: 'A command changed it: routed, assigned, accepted, replied, extended, closed, reopened or reviewed',
    },
    OVERDUE: { description: 'A statutory deadline passed, or its lateness reached a higher escalation level' },
    INSTITUTION_REPLIED: { description: 'The institution it is about replied (机构说明)' },
  },
});

const KIND_OF: Partial<Record<EventName, ComplaintChangeKind>> = {
  'complaints.complaint.received': ComplaintChangeKind.RECEIVED,
  'complaints.complaint.changed': ComplaintChangeKind.UPDATED,
  'complaints.complaint.overdue': ComplaintChangeKind.OVERDUE,
  'complaints.institution.replied': ComplaintChangeKind.INSTITUTION_REPLIED,
};

@ObjectType('ComplaintChange', { description: 'A live update of a complaint (投诉/信访)' })
export class ComplaintChangeObject {
  @Field(() => ComplaintChangeKind, { description: 'What happened' })
  kind!: ComplaintChangeKind;

  @Field(() => ComplaintObject, {
    description: 'The complaint as `complaint(id)` gives it to me now (masked as there)',
  })
  complaint!: ComplaintObject;
}

/** Live updates of complaints over graphql-ws, scoped like `complaints` (docs/graphql.md#live-updates). */
@Resolver()
export class ComplaintLiveResolver {
  constructor(
    private readonly read: ComplaintReadService,
    private readonly live: LiveUpdates,
    private readonly clock: Clock,
  ) {}

  @Roles(...COMPLAINT_READERS)
  @Subscription(() => ComplaintChangeObject, {
    description:
      'Complaints received and changed in my jurisdiction (at most once: after a reconnect, refetch `complaints`)',
    resolve: (change: ComplaintChangeObject) => change,
  })
  complaintChanged(
    @CurrentPrincipal() actor: Principal,
    @Context() ctx: GqlContext,
  ): AsyncIterableIterator<ComplaintChangeObject> {
    return this.live.stream(
      Object.keys(KIND_OF) as EventName[],
      async (m) => ({
        kind: KIND_OF[m.event]!,
        complaint: ComplaintObject.from(await this.read.get(actor, m.id), this.clock.now()),
      }),
      ctx,
    );
  }
}
