import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { ALL_ROLES } from '../../../platform/auth/role';
import { Principal } from '../../../platform/auth/principal';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { InboxItem, NotificationService } from '../notification.service';
import { InboxArgs, MarkNotificationReadInput } from './notifications.inputs';
import { NotificationConnection, NotificationObject } from './notifications.objects';

/** Everyone logged in has an inbox: notifications to them, their role, department, township or school. */
@Resolver(() => NotificationObject)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Query(() => NotificationConnection, {
    description: 'My notifications (站内通知), newest first.',
    complexity: pagedComplexity,
  })
  notifications(@CurrentPrincipal() actor: Principal, @Args() args: InboxArgs): Promise<Connection<InboxItem>> {
    return this.service.inbox(actor, args.filter?.unreadOnly ?? false, args);
  }

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Query(() => Int, { description: 'How many of my notifications are unread.' })
  unreadNotificationCount(@CurrentPrincipal() actor: Principal): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Mutation(() => NotificationObject, { description: 'Mark one of my notifications read; answers it.' })
  markNotificationRead(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The notification.' }) input: MarkNotificationReadInput,
  ): Promise<InboxItem> {
    return this.service.markRead(actor, input.id);
  }

  @Roles(...ALL_ROLES) // every logged-in person reads their own inbox, the institution side too
  @Mutation(() => Int, { description: 'Mark all my notifications read; answers how many were unread.' })
  markAllNotificationsRead(@CurrentPrincipal() actor: Principal): Promise<number> {
    return this.service.markAllRead(actor);
  }
}
