import { NotFound } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

export const notificationNotFound = (id: string): NotFound =>
  new NotFound(text(`Notification ${id}`, `通知 ${id}`), 'NOTIFICATION_NOT_FOUND');
