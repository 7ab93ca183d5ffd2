import { Injectable } from '@nestjs/common';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { NotificationService } from '../notification.service';

/** Carries each new in-app notification to the outbound channels, after its transaction committed. */
@Injectable()
export class OutboundNotificationSubscriber {
  constructor(private readonly notifications: NotificationService) {}

  @OnEvent('notifications.notification.created', { name: 'notifications.deliver-outbound' })
  async deliver(event: DomainEvent<'notifications.notification.created'>): Promise<void> {
    await this.notifications.deliverOutbound(event.payload);
  }
}
