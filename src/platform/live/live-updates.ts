import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Runtime, runsApi } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { DomainEvent, EventName } from '../events/catalogue';
import { GqlContext } from '../graphql/context';
import { Loaders } from '../graphql/loaders';
import { RUNTIME } from '../runtime.token';
import { LiveBus, PostgresLiveBus, RedisLiveBus } from './live-bus';
import { LiveMessage, liveMessages } from './live-events';

/** The PostgreSQL channel (per database) of live updates. */
export const LIVE_CHANNEL = 'sj_live';

/** Messages waiting for one slow subscriber; beyond this the oldest are dropped (live updates are hints). */
const STREAM_BUFFER = 100;

type Listener = { events: ReadonlySet<EventName>; handle: (message: LiveMessage) => void };

/**
 * Live updates: after the relay has committed a batch of outbox rows, the worker publishes the ones that
 * feed subscriptions (LIVE_EVENTS) on a bus — Redis pub/sub when REDIS_URL is set, PostgreSQL
 * LISTEN/NOTIFY otherwise — and every API process hands them to its open subscriptions. At most once,
 * never part of the exactly-once path: nothing is stored and a message lost (a replica restarting, a
 * dropped connection) is not redelivered; clients refetch on reconnect.
 */
@Injectable()
export class LiveUpdates implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveUpdates');
  private readonly bus: LiveBus;
  private readonly listeners = new Set<Listener>();
  private listening = false;
  private streams = 0;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    dataSource: DataSource,
  ) {
    const { config } = runtime;
    this.bus = config.queue.redisUrl
      ? new RedisLiveBus(config.queue.redisUrl, `${config.queue.prefix}:live`)
      : new PostgresLiveBus(dataSource, runtime.databaseUrl, LIVE_CHANNEL);
  }

  get backend(): 'redis' | 'postgres' {
    return this.bus.kind;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.offline || !runsApi(this.runtime.config.role)) return;
    await this.bus.listen((messages) => this.dispatch(messages));
    this.listening = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await this.bus.close();
  }

  /** Whether this process receives live updates (API roles, once started). */
  get ready(): boolean {
    return this.listening;
  }

  /** Open subscriptions (streams) on this process: tests wait for a subscription to be in place. */
  get subscriptions(): number {
    return this.streams;
  }

  /**
   * Publishes the live messages of committed events; never throws and never waits for the bus to come
   * back (the relay calls it after its transaction).
   */
  publish(events: readonly DomainEvent[]): Promise<void> {
    const messages = liveMessages(events);
    if (messages.length === 0) return Promise.resolve();
    return this.bus
      .publish(messages)
      .catch((error: Error) =>
        this.logger.warn(`live updates not published (${error.message}); subscribers refetch on reconnect`),
      );
  }

  /** Calls `handle` for every message of these events received from now on; returns the unsubscribe. */
  listen(events: readonly EventName[], handle: (message: LiveMessage) => void): () => void {
    const listener: Listener = { events: new Set(events), handle };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The async iterator a `@Subscription` returns: for each message of these events, `read` re-reads the
   * record with the subscriber's principal and the value is sent; a record the subscriber may not read
   * (`read` answers null or throws a DomainError such as …_NOT_FOUND) is skipped. Reads run one at a time
   * per subscription; a subscriber that falls more than 100 messages behind loses the oldest. With the
   * subscription's context, each update gets fresh DataLoaders (a link is read as of that update, not
   * as of the first one).
   */
  stream<T>(
    events: readonly EventName[],
    read: (message: LiveMessage) => Promise<T | null>,
    context?: GqlContext,
  ): AsyncIterableIterator<T> {
    const pending: LiveMessage[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const off = this.listen(events, (message) => {
      if (pending.length >= STREAM_BUFFER) pending.shift();
      pending.push(message);
      wake?.();
    });
    this.streams++;
    const finish = (): IteratorResult<T> => {
      if (!done) {
        done = true;
        this.streams--;
        off();
        wake?.();
      }
      return { value: undefined, done: true };
    };
    const logger = this.logger;
    const iterator: AsyncIterableIterator<T> = {
      async next(): Promise<IteratorResult<T>> {
        while (!done) {
          const message = pending.shift();
          if (!message) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
            continue;
          }
          try {
            if (context) context.loaders = new Loaders();
            const value = await read(message);
            if (value !== null && !done) return { value, done: false };
          } catch (error) {
            // Not readable by this subscriber (out of scope, gone): nothing is sent. Anything else is logged.
            if (!(error instanceof DomainError))
              logger.warn(`live update ${message.event} ${message.id} not sent: ${(error as Error).message}`);
          }
        }
        return { value: undefined, done: true };
      },
      async return(): Promise<IteratorResult<T>> {
        return finish();
      },
      async throw(error?: unknown): Promise<IteratorResult<T>> {
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  private dispatch(messages: LiveMessage[]): void {
    for (const message of messages) {
      for (const listener of this.listeners) {
        if (!listener.events.has(message.event)) continue;
        try {
          listener.handle(message);
        } catch (error) {
          this.logger.warn(`live listener failed: ${(error as Error).message}`);
        }
      }
    }
  }
}
