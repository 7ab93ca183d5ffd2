import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeadLetters } from './dead-letters';
import { EventPublisher } from './event-publisher';
import { EventWorker } from './event-worker';
import { FailedEventsResolver } from './graphql/failed-events.resolver';
import { OutboxCleanupTask } from './outbox-cleanup.task';
import { OutboxMetrics } from './outbox-metrics';
import { SubscriberRegistry } from './subscriber-registry';

/** Domain events: the outbox publisher for every module, and in the worker role the relay and consumers. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    EventPublisher,
    SubscriberRegistry,
    EventWorker,
    OutboxCleanupTask,
    OutboxMetrics,
    DeadLetters,
    FailedEventsResolver,
  ],
  exports: [EventPublisher, SubscriberRegistry, DeadLetters],
})
export class EventsModule {}
