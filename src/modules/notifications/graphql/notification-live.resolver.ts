import { Context, Field, ObjectType, Resolver, Subscription, registerEnumType } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { ALL_ROLES } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { NotificationService } from '../notification.service';
import { NotificationObject } from './notifications.objects';

export enum NotificationChangeKind {
  ADDED = 'ADDED',
}

registerEnumType(NotificationChangeKind, {
  name: 'NotificationChangeKind',
  description: 'What happened to a notification in my inbox (站内通知)',
  valuesMap: { ADDED: { description: 'A new notification addressed to me, my role, department, township or school' } },
});

@ObjectType('NotificationChange', { description: 'A live update of my inbox (站内通知)' })
export class NotificationChangeObject {
  @Field(() => NotificationChangeKind, { description: 'What happened' })
  kind!: NotificationChangeKind;

  @Field(() => NotificationObject, { description: 'The notification as my `notifications` list shows it' })
  notification!: NotificationObject;
}

/** Live updates of the inbox over graphql-ws (docs/graphql.md#live-updates). */
@Resolver()
export class NotificationLiveResolver {
  constructor(
    private readonly service: NotificationService,
    private readonly live: LiveUpdates,
  ) {}

  @Roles(...ALL_ROLES) // every logged-in person has an inbox, the institution side too
  @Subscription(() => NotificationChangeObject, {
    description: 'My new notifications as they are created (at most once: after a reconnect, refetch `notifications`)',
    resolve: (change: NotificationChangeObject) => change,
  })
  notificationAdded(
    @CurrentPrincipal() actor: Principal,
    @Context() ctx: GqlContext,
  ): AsyncIterableIterator<NotificationChangeObject> {
    return this.live.stream(
      ['notifications.notification.created'],
      async (m) => ({ kind: NotificationChangeKind.ADDED, notification: await this.service.item(actor, m.id) }),
      ctx,
    );
  }
}
