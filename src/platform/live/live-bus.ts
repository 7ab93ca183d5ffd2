import { Logger } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { LiveMessage, chunkMessages, parseLiveMessages } from './live-events';

/**
 * Carries live messages from the process that relays the outbox (worker role) to every API process.
 * At most once: a message published while a listener is disconnected is not replayed.
 */
export interface LiveBus {
  readonly kind: 'redis' | 'postgres';
  publish(messages: readonly LiveMessage[]): Promise<void>;
  /** Starts listening; the handler gets every message published from then on, by any process. */
  listen(handler: (messages: LiveMessage[]) => void): Promise<void>;
  close(): Promise<void>;
}

/** How long an API process waits at start for its Redis subscription before serving anyway. */
const SUBSCRIBE_WAIT_MS = 5000;

/** PostgreSQL NOTIFY payloads must stay under 8000 bytes. */
const NOTIFY_MAX_BYTES = 7000;

/** Redis pub/sub: a dedicated subscriber connection (ioredis re-subscribes after a reconnect). */
export class RedisLiveBus implements LiveBus {
  readonly kind = 'redis';
  private readonly logger = new Logger('LiveUpdates');
  private publisher?: Redis;
  private subscriber?: Redis;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {}

  async publish(messages: readonly LiveMessage[]): Promise<void> {
    if (messages.length === 0 || this.closed) return; // a relay batch finishing during shutdown
    // A short retry budget: a live update is a hint, and a relay must never wait on it.
    this.publisher ??= new IORedis(this.url, { maxRetriesPerRequest: 1, connectionName: 'sj-live-publish' });
    for (const chunk of chunkMessages(messages, 64 * 1024)) await this.publisher.publish(this.channel, chunk);
  }

  async listen(handler: (messages: LiveMessage[]) => void): Promise<void> {
    const subscriber = new IORedis(this.url, { maxRetriesPerRequest: null, connectionName: 'sj-live-listen' });
    this.subscriber = subscriber;
    subscriber.on('error', (err: Error) => this.logger.debug(`live subscriber connection: ${err.message}`));
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) handler(parseLiveMessages(raw));
    });
    // Redis down at start must not hold up the API: ioredis keeps trying and subscribes once it is back.
    let timer: NodeJS.Timeout | undefined;
    const subscribed = subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`cannot subscribe to live updates yet (${error.message})`);
    });
    await Promise.race([subscribed, new Promise((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS)))]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    const connections = [this.publisher, this.subscriber].filter((c): c is Redis => c !== undefined);
    this.publisher = this.subscriber = undefined;
    await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/**
 * PostgreSQL LISTEN/NOTIFY (no Redis: the embedded default): NOTIFY through the application's pool, one
 * dedicated LISTEN connection per API process, re-opened when it drops.
 */
export class PostgresLiveBus implements LiveBus {
  readonly kind = 'postgres';
  private readonly logger = new Logger('LiveUpdates');
  private listener?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseUrl: string,
    private readonly channel: string,
  ) {}

  async publish(messages: readonly LiveMessage[]): Promise<void> {
    if (this.closed) return;
    for (const chunk of chunkMessages(messages, NOTIFY_MAX_BYTES)) {
      await this.dataSource.query(`SELECT pg_notify($1, $2)`, [this.channel, chunk]);
    }
  }

  async listen(handler: (messages: LiveMessage[]) => void): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'shuangjian-live' });
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload) handler(parseLiveMessages(n.payload));
    });
    client.on('error', (err: Error) => {
      this.logger.warn(`live LISTEN connection lost (${err.message}); reconnecting`);
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      this.again(handler, 1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
    } catch (error) {
      this.logger.warn(`cannot LISTEN for live updates (${(error as Error).message}); retrying`);
      await client.end().catch(() => undefined);
      this.again(handler, 2000);
    }
  }

  private again(handler: (messages: LiveMessage[]) => void, ms: number): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.closed) void this.listen(handler);
    }, ms);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}
