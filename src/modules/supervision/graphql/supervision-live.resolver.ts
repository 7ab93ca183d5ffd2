import { Context, Field, ObjectType, Resolver, Subscription, registerEnumType } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { EventName } from '../../../platform/events';
import { GqlContext } from '../../../platform/graphql/context';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { TaskReadService } from '../task-read.service';
import { SupervisionTaskObject } from './supervision.objects';

export enum SupervisionTaskChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ESCALATED = 'ESCALATED',
}

registerEnumType(SupervisionTaskChangeKind, {
  name: 'SupervisionTaskChangeKind',
  description: 'What happened to a supervision task (督导任务)',
  valuesMap: {
    CREATED: { description: 'The task was created' },
    UPDATED: {
      description: 'A command changed it: assigned, started, submitted, accepted, returned, closed or cancelled',
    },
    ESCALATED: { description: 'The escalation sweep raised its escalation level (it is overdue)' },
  },
});

const KIND_OF: Partial<Record<EventName, SupervisionTaskChangeKind>> = {
  'supervision.task.created': SupervisionTaskChangeKind.CREATED,
  'supervision.task.changed': SupervisionTaskChangeKind.UPDATED,
  'supervision.task.escalated': SupervisionTaskChangeKind.ESCALATED,
};

@ObjectType('SupervisionTaskChange', { description: 'A live update of a supervision task (督导任务)' })
export class SupervisionTaskChangeObject {
  @Field(() => SupervisionTaskChangeKind, { description: 'What happened' })
  kind!: SupervisionTaskChangeKind;

  @Field(() => SupervisionTaskObject, { description: 'The task as `supervisionTask(id)` gives it to me now' })
  task!: SupervisionTaskObject;
}

/** Live updates of supervision tasks over graphql-ws, scoped like `supervisionTasks` (docs/graphql.md#live-updates). */
@Resolver()
export class SupervisionLiveResolver {
  constructor(
    private readonly tasks: TaskReadService,
    private readonly live: LiveUpdates,
  ) {}

  // No @Roles: the staff roles, as `supervisionTasks` and `supervisionTask(id)`.
  @Subscription(() => SupervisionTaskChangeObject, {
    description:
      'Supervision tasks created, changed and escalated among those I may see (at most once: after a reconnect, refetch `supervisionTasks`)',
    resolve: (change: SupervisionTaskChangeObject) => change,
  })
  supervisionTaskChanged(
    @CurrentPrincipal() actor: Principal,
    @Context() ctx: GqlContext,
  ): AsyncIterableIterator<SupervisionTaskChangeObject> {
    return this.live.stream(
      Object.keys(KIND_OF) as EventName[],
      async (m) => {
        const task = await this.tasks.get(actor, m.id);
        return { kind: KIND_OF[m.event]!, task: { ...task, overdue: this.tasks.isOverdue(task) } };
      },
      ctx,
    );
  }
}
