import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../platform/graphql/pagination';

@ObjectType('Notification', { description: 'In-app notification (站内通知) in my inbox.' })
export class NotificationObject {
  @Field(() => ID, { description: 'Id of the notification.' })
  id!: string;

  @Field({
    description:
      'Stable kind, `module.what` (e.g. supervision.task.escalated): an open catalogue each sending module extends, so clients should show unknown kinds by title and body.',
  })
  kind!: string;

  @Field({ description: 'Short title (标题), at most 200 characters.' })
  title!: string;

  @Field({ description: 'The message text (正文).' })
  body!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Type of the record it is about, snake_case (e.g. supervision_task, complaint, credit_entry, institution), if any.',
  })
  entityType!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the record it is about, if any.' })
  entityId!: string | null;

  @Field({ description: 'When the notification was sent.' })
  createdAt!: Date;

  @Field({ description: 'Whether I have read it.' })
  read!: boolean;
}

export const NotificationConnection = Paginated(NotificationObject, 'Notification');
