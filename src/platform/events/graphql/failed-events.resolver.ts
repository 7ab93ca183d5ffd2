import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import { Principal } from '../../auth/principal';
import { Role } from '../../auth/role';
import { ValidationFailed } from '../../errors/domain-error';
import { JSONScalar } from '../../graphql/json.scalar';
import { DeadLetters, FailedEventView } from '../dead-letters';
import { text } from '../../i18n/text';

@ObjectType('FailedEvent', {
  description: 'A delivery of a domain event that used up its attempts (dead letter, 死信)',
})
export class FailedEventObject {
  @Field(() => ID, { description: '<queue>/<jobId>, the id retryFailedEvent takes' })
  id!: string;

  @Field({ description: 'The subscriber whose delivery failed (its registered name)' })
  subscriber!: string;

  @Field(() => ID, { description: 'The id (a UUID) of the domain event' })
  eventId!: string;

  @Field({ description: 'The name of the domain event, e.g. complaints.complaint.registered' })
  eventName!: string;

  @Field(() => JSONScalar, { description: 'The payload of the event, as published' })
  payload!: unknown;

  @Field({ description: 'The error of the last attempt' })
  failedReason!: string;

  @Field(() => Int, { description: 'How many times the delivery was tried' })
  attemptsMade!: number;

  @Field(() => Date, { nullable: true, description: 'When the last attempt failed (null if unknown)' })
  failedAt!: Date | null;
}

@InputType({ description: 'Which failed delivery to run again' })
export class RetryFailedEventInput {
  @Field(() => ID, { description: 'The failed delivery: <queue>/<jobId>, as in FailedEvent.id' })
  @IsString()
  @Length(1, 300)
  id!: string;
}

/** The dead letter set, for the county office (COUNTY_ADMIN) to inspect and re-run. */
@Resolver(() => FailedEventObject)
export class FailedEventsResolver {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Roles(Role.COUNTY_ADMIN)
  @Query(() => [FailedEventObject], { description: 'Event deliveries that failed every attempt, newest first' })
  failedEvents(
    @Args('first', { type: () => Int, nullable: true, description: 'How many, 1–200 (default 50)' }) first?: number,
  ): Promise<FailedEventView[]> {
    if (first !== undefined && (first < 1 || first > 200))
      throw new ValidationFailed([{ path: 'first', message: text('must be 1–200', '须在 1 到 200 之间') }]);
    return this.deadLetters.list(first ?? 50);
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => FailedEventObject, { description: 'Runs a failed delivery again (its subscriber is idempotent)' })
  async retryFailedEvent(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The failed delivery' }) { id }: RetryFailedEventInput,
  ): Promise<FailedEventView> {
    const retried = await this.deadLetters.retry(id);
    await this.dataSource.transaction((em) =>
      this.audit.record(em, {
        actor,
        action: 'platform.failed_event.retried',
        entityType: 'failed_event',
        entityId: id,
        summary: {
          subscriber: retried.subscriber,
          eventId: retried.eventId,
          eventName: retried.eventName,
          failedReason: retried.failedReason,
        },
      }),
    );
    return retried;
  }
}
