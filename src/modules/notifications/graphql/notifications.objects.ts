import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../../platform/graphql/pagination';

@ObjectType('Notification', { description: 'In-app notification (站内通知)' })
export class NotificationObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Stable kind, e.g. supervision.task.escalated' })
  kind!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true })
  entityType!: string | null;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  read!: boolean;
}

export const NotificationConnection = Paginated(NotificationObject, 'Notification');
