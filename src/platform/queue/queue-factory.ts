import { Logger } from '@nestjs/common';
import { Processor, Queue, QueueOptions, Worker, WorkerOptions, createPostgresBackend, runMigrations } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { Pool } from 'pg';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueFactoryOptions {
  redisUrl: string | undefined;
  databaseUrl: string;
  prefix: string;
}

/**
 * The only place that knows which BullMQ backend runs: Redis when REDIS_URL is set, otherwise BullMQ's
 * PostgreSQL backend in the service's own database. Modules ask for queues and workers by name and
 * never see the difference.
 */
export class QueueFactory {
  private readonly logger = new Logger('Queues');
  readonly backend: QueueBackendKind;
  private redis?: Redis;
  private healthRedis?: Redis;
  private pgPool?: Pool;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(private readonly options: QueueFactoryOptions) {
    this.backend = options.redisUrl ? 'redis' : 'postgres';
  }

  get prefix(): string {
    return this.options.prefix;
  }

  /** A description without credentials, for the start-up log. */
  describe(): string {
    if (this.options.redisUrl) {
      const u = new URL(this.options.redisUrl);
      return `redis ${u.hostname}:${u.port || 6379} prefix "${this.options.prefix}"`;
    }
    const u = new URL(this.options.databaseUrl);
    return `postgres ${u.hostname}:${u.port || 5432}${u.pathname} schema "bullmq" prefix "${this.options.prefix}"`;
  }

  /** Creates BullMQ's tables when it runs on PostgreSQL (idempotent, safe to race). */
  async migrate(): Promise<void> {
    if (this.backend !== 'postgres') return;
    const pool = new Pool({ connectionString: this.options.databaseUrl, max: 1 });
    const client = await pool.connect();
    try {
      await runMigrations(client);
    } finally {
      client.release();
      await pool.end();
    }
  }

  private redisConnection(): Redis {
    // Workers block on Redis and need maxRetriesPerRequest: null; BullMQ duplicates this connection for them.
    this.redis ??= new IORedis(this.options.redisUrl as string, { maxRetriesPerRequest: null, lazyConnect: false });
    this.redis.on('error', () => undefined); // reconnects by itself; health reports the outage
    return this.redis;
  }

  private postgresPool(): Pool {
    if (!this.pgPool) {
      this.pgPool = new Pool({
        connectionString: this.options.databaseUrl,
        max: 4,
        idleTimeoutMillis: 10_000,
        options: '-c search_path=bullmq',
        application_name: 'shuangjian-queues',
      });
      // Once per pool. BullMQ's PostgreSQL backend adds an error listener of its own to the shared pool
      // for every queue and worker (about twenty here), past Node's default warning threshold of 10.
      this.pgPool.setMaxListeners(100);
      this.pgPool.on('error', (err) => this.logger.warn(`queue pool: ${err.message}`));
    }
    return this.pgPool;
  }

  queue<T = unknown>(name: string, opts: Omit<QueueOptions, 'connection' | 'prefix'> = {}): Queue<T> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue =
        this.backend === 'redis'
          ? new Queue(name, { ...opts, prefix: this.prefix, connection: this.redisConnection() })
          : (new Queue(
              name,
              { ...opts, prefix: this.prefix, connection: this.postgresPool() },
              createPostgresBackend,
            ) as unknown as Queue);
      queue.on('error', (err) => this.logger.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
    }
    return queue as Queue<T>;
  }

  worker<T = unknown>(
    name: string,
    processor: Processor<T>,
    opts: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
  ): Worker<T> {
    let worker: Worker<T>;
    if (this.backend === 'redis') {
      worker = new Worker<T>(name, processor, { ...opts, prefix: this.prefix, connection: this.redisConnection() });
    } else {
      const pool = this.postgresPool();
      // Each worker pins one pooled connection for LISTEN; grow the pool so queries keep their slots.
      (pool.options as { max: number }).max += 1 + Math.min(opts.concurrency ?? 1, 4);
      worker = new Worker(
        name,
        processor as Processor,
        { ...opts, prefix: this.prefix, connection: pool },
        createPostgresBackend,
      ) as unknown as Worker<T>;
    }
    worker.on('error', (err) => this.logger.warn(`worker ${name}: ${err.message}`));
    this.workers.push(worker as unknown as Worker);
    return worker;
  }

  /** Throws when the queue backend cannot be reached (Redis only; the PostgreSQL backend is the database). */
  async ping(timeoutMs = 1000): Promise<void> {
    if (this.backend !== 'redis') return;
    this.healthRedis ??= new IORedis(this.options.redisUrl as string, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeoutMs,
      retryStrategy: () => 500,
    });
    this.healthRedis.on('error', () => undefined);
    const client = this.healthRedis;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', resolve))).then(
          () => client.ping(),
        ),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops taking jobs, lets in-flight jobs finish, then closes queues and connections. */
  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.workers.length = 0;
    this.queues.clear();
    this.healthRedis?.disconnect();
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
    if (this.pgPool) await this.pgPool.end().catch(() => undefined);
  }
}
