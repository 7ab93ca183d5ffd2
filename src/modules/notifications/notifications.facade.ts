import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { NotificationChannel, NotificationContent, NotificationService, Recipients } from './notification.service';

/** Notifications as other modules see them: `notify(em, …)` inside the transaction of what they notify about. */
@Injectable()
export class NotificationsFacade {
  constructor(private readonly notifications: NotificationService) {}

  notify(em: EntityManager, recipients: Recipients, content: NotificationContent): Promise<string | null> {
    return this.notifications.notify(em, recipients, content);
  }
}

/** The facade outside a Nest application (benchmarks, command-line tools), like createPolicyFacade. */
export function createNotificationsFacade(
  dataSource: DataSource,
  events: EventPublisher,
  clock: Clock,
  channels: NotificationChannel[],
): NotificationsFacade {
  return new NotificationsFacade(new NotificationService(dataSource, events, clock, channels));
}
