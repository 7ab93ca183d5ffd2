import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, EventName } from './catalogue';

export const SUBSCRIBER_METADATA = 'sj:event-subscriber';
export const SCHEDULED_TASK_METADATA = 'sj:scheduled-task';

export interface SubscriberOptions {
  /** Unique, `module.what-it-does`; the part before the first dot names the module's queue. */
  name: string;
  /** Attempts before the job stays in the failed set (the dead letter); default from configuration. */
  attempts?: number;
}

export interface SubscriberMetadata extends SubscriberOptions {
  event: string;
}

/**
 * Marks a method as the handler of an event. It runs in a transaction of its own (the EntityManager it
 * receives) and at most once per event: the (event, subscriber) pair is recorded in that transaction.
 */
export function OnEvent<N extends EventName>(event: N, options: SubscriberOptions) {
  return <T extends (event: DomainEvent<N>, em: EntityManager) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ) => {
    SetMetadata(SUBSCRIBER_METADATA, { ...options, event } satisfies SubscriberMetadata)(target, key, descriptor);
    return descriptor;
  };
}

export interface Schedule {
  /** Repeat every this many milliseconds … */
  every?: number;
  /** … or on this cron pattern (evaluated in BUSINESS_TIMEZONE). */
  pattern?: string;
}

/** A job the worker runs on a schedule, declared by a provider class with `schedule()` and `run()`. */
export interface ScheduledTaskHandler {
  schedule(): Schedule;
  run(now: Date): Promise<unknown>;
}

/** Marks a provider as a scheduled task; all are upserted once when a worker starts. */
export function ScheduledTask(name: string): ClassDecorator {
  return SetMetadata(SCHEDULED_TASK_METADATA, name);
}
