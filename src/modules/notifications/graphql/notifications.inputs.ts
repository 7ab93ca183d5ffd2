import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../platform/graphql/pagination';

@InputType({ description: 'Narrows my notifications; absent fields do not narrow them.' })
export class NotificationFilter {
  @Field({ nullable: true, defaultValue: false, description: 'Only notifications I have not read yet.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@ArgsType()
export class InboxArgs extends PageArgs {
  @Field(() => NotificationFilter, { nullable: true, description: 'Narrows the list; absent: all my notifications.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationFilter)
  filter?: NotificationFilter;
}

@InputType({ description: 'Mark one of my notifications read.' })
export class MarkNotificationReadInput {
  @Field(() => ID, { description: 'Id of the notification.' })
  @IsUUID()
  id!: string;
}
