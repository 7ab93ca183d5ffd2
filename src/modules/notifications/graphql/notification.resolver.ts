import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { InboxItem, NotificationService } from '../notification.service';
import { InboxArgs } from './notifications.inputs';
import { NotificationConnection, NotificationObject } from './notifications.objects';

/** Everyone logged in has an inbox: notifications to them, their role, department, township or school. */
@Resolver(() => NotificationObject)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'My notifications, newest first', complexity: pagedComplexity })
  notifications(@CurrentPrincipal() actor: Principal, @Args() args: InboxArgs): Promise<Connection<InboxItem>> {
    return this.service.inbox(actor, args.unreadOnly ?? false, args);
  }

  @Query(() => Int, { description: 'How many of my notifications are unread' })
  unreadNotificationCount(@CurrentPrincipal() actor: Principal): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Mutation(() => NotificationObject)
  markNotificationRead(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<InboxItem> {
    return this.service.markRead(actor, id);
  }

  @Mutation(() => Int, { description: 'Marks all my notifications read; returns how many were unread' })
  markAllNotificationsRead(@CurrentPrincipal() actor: Principal): Promise<number> {
    return this.service.markAllRead(actor);
  }
}
