import { NotFound } from '../../platform/errors/domain-error';

export const notificationNotFound = (id: string): NotFound =>
  new NotFound(`Notification ${id}`, 'NOTIFICATION_NOT_FOUND');
