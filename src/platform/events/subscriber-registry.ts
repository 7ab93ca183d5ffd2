import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { DomainEvent, isEventName } from './catalogue';
import { SCHEDULED_TASK_METADATA, SUBSCRIBER_METADATA, ScheduledTaskHandler, SubscriberMetadata } from './decorators';

export interface RegisteredSubscriber extends SubscriberMetadata {
  queue: string;
  handle: (event: DomainEvent, em: EntityManager) => Promise<void>;
}

export interface RegisteredTask {
  name: string;
  handler: ScheduledTaskHandler;
}

/** Queue of a subscriber: one per module (`events.<module>`), the job name is the subscriber. */
export function subscriberQueue(subscriber: string): string {
  return `events.${subscriber.split('.')[0]}`;
}

/**
 * Finds every @OnEvent handler and @ScheduledTask provider at start-up, and refuses to start when a
 * subscriber names an event the catalogue does not have or two share a name.
 */
@Injectable()
export class SubscriberRegistry implements OnModuleInit {
  private readonly subscribers = new Map<string, RegisteredSubscriber>();
  private readonly tasks = new Map<string, RegisteredTask>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const taskName = this.reflector.get<string | undefined>(
        SCHEDULED_TASK_METADATA,
        wrapper.metatype as object as never,
      );
      if (taskName) {
        if (this.tasks.has(taskName)) throw new Error(`Two scheduled tasks are named "${taskName}"`);
        this.tasks.set(taskName, { name: taskName, handler: instance as unknown as ScheduledTaskHandler });
      }
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<SubscriberMetadata | undefined>(SUBSCRIBER_METADATA, fn as never);
        if (meta) this.add(meta, (fn as (e: DomainEvent, em: EntityManager) => Promise<void>).bind(instance));
      }
    }
  }

  /** Registers a handler (also used by tests to add subscribers without a module). */
  add(meta: SubscriberMetadata, handle: RegisteredSubscriber['handle']): void {
    if (!isEventName(meta.event)) {
      throw new Error(
        `Subscriber "${meta.name}" names the unknown event "${meta.event}"; add it to the event catalogue first`,
      );
    }
    // No comma (the relay records the subscribers it queued as a list) and at most 100 characters (the
    // varchar(100) of processed_event.subscriber and outbox.subscribers).
    if (!/^[a-z][a-z0-9_]*\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(meta.name) || meta.name.length > 100) {
      throw new Error(`Subscriber name "${meta.name}" must look like "module.what-it-does" (at most 100 characters)`);
    }
    if (this.subscribers.has(meta.name)) throw new Error(`Two subscribers are named "${meta.name}"`);
    this.subscribers.set(meta.name, { ...meta, queue: subscriberQueue(meta.name), handle });
  }

  all(): RegisteredSubscriber[] {
    return [...this.subscribers.values()];
  }

  get(name: string): RegisteredSubscriber | undefined {
    return this.subscribers.get(name);
  }

  forEvent(event: string): RegisteredSubscriber[] {
    return this.all().filter((s) => s.event === event);
  }

  queues(): string[] {
    return [...new Set(this.all().map((s) => s.queue))].sort();
  }

  scheduledTasks(): RegisteredTask[] {
    return [...this.tasks.values()];
  }
}
