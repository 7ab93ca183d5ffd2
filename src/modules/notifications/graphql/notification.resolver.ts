import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { ALL_ROLES } from '../../../platform/auth/role';
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

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Query(() => NotificationConnection, { description: 'My notifications, newest first', complexity: pagedComplexity })
  notifications(@CurrentPrincipal() actor: Principal, @Args() args: InboxArgs): Promise<Connection<InboxItem>> {
    return this.service.inbox(actor, args.unreadOnly ?? false, args);
  }

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Query(() => Int, { description: 'How many of my notifications are unread' })
  unreadNotificationCount(@CurrentPrincipal() actor: Principal): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Mutation(() => NotificationObject)
  markNotificationRead(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<InboxItem> {
    return this.service.markRead(actor, id);
  }

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Mutation(() => Int, { description: 'Marks all my notifications read; returns how many were unread' })
  markAllNotificationsRead(@CurrentPrincipal() actor: Principal): Promise<number> {
    return this.service.markAllRead(actor);
  }
}
