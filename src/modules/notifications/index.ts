/** Public surface of the notifications module (in-app inbox, outbound channels). */
export { NotificationsModule } from './notifications.module';
export { NotificationsFacade, createNotificationsFacade } from './notifications.facade';
export { LogChannel } from './notification.service';
export type { NotificationChannel, NotificationContent, Recipients, InboxItem } from './notification.service';
