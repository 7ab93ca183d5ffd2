import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './entities/notification.entity';
import { NotificationLiveResolver } from './graphql/notification-live.resolver';
import { NotificationResolver } from './graphql/notification.resolver';
import { LogChannel, NotificationService } from './notification.service';
import { NotificationsFacade } from './notifications.facade';
import { OutboundNotificationSubscriber } from './subscribers/outbound.subscriber';

@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  providers: [
    NotificationService,
    NotificationsFacade,
    NotificationResolver,
    NotificationLiveResolver,
    OutboundNotificationSubscriber,
    { provide: 'NOTIFICATION_CHANNELS', useFactory: () => [new LogChannel()] },
  ],
  exports: [NotificationsFacade],
})
export class NotificationsModule {}
