import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { queryCount } from '../database/query-counter';

/** One sample of a gauge read from the database: its labels and value. */
export interface GaugeSample<L extends string> {
  labels: Partial<Record<L, string>>;
  value: number;
}

/**
 * The process's Prometheus registry. Modules add their own metrics through `counter`, `gauge` and
 * `histogram`, which return the existing metric when called twice with the same name. Business metrics
 * are named `sj_…`; a module registers the gauges of its own tables with `cachedGauge` (platform code
 * never reads a module's tables).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpQueries: Histogram<'route'>;

  /** How long a database-backed gauge reuses its last reading (METRICS_CACHE_MS). */
  private readonly cacheMs: number;

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    this.cacheMs = config?.metrics.cacheMs ?? 5000;
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'db_queries_total',
      help: 'SQL statements sent through TypeORM by this process',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(queryCount());
      },
    });
    this.httpDuration = this.histogram(
      'http_request_duration_seconds',
      'HTTP request latency by route',
      ['method', 'route', 'status'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.httpQueries = this.histogram(
      'http_request_db_queries',
      'SQL statements sent per HTTP request, by route',
      ['route'],
      [1, 2, 4, 8, 16, 32, 64, 128, 256],
    );
  }

  counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return (
      (this.registry.getSingleMetric(name) as Counter<L>) ??
      new Counter({ name, help, labelNames, registers: [this.registry] })
    );
  }

  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[] = [],
    collect?: (this: Gauge<L>) => Promise<void> | void,
  ): Gauge<L> {
    return (
      (this.registry.getSingleMetric(name) as Gauge<L>) ??
      new Gauge({ name, help, labelNames, registers: [this.registry], ...(collect ? { collect } : {}) })
    );
  }

  /**
   * Wraps a reading (a query) so that it runs at most once per METRICS_CACHE_MS, and once for scrapes that
   * arrive while it runs: a scrape storm costs the database one query per interval. A failed reading
   * answers `fallback` (and is retried at the next scrape after the interval).
   */
  cached<T>(read: () => Promise<T>, fallback: T): () => Promise<T> {
    let value: Promise<T> | undefined;
    let running = false;
    let readAt = 0;
    return () => {
      if (value && (running || Date.now() - readAt < this.cacheMs)) return value;
      running = true;
      value = read()
        .catch(() => fallback)
        .finally(() => {
          running = false;
          readAt = Date.now();
        });
      return value;
    };
  }

  /**
   * A gauge whose samples are read at scrape time through `cached`: each scrape shows exactly the samples
   * of the last reading (label sets absent from it disappear). A failed reading shows no samples, so an
   * alert on the gauge does not fire on a number the service did not read.
   */
  cachedGauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    read: () => Promise<GaugeSample<L>[]>,
  ): Gauge<L> {
    const reading = this.cached(read, [] as GaugeSample<L>[]);
    return this.gauge(name, help, labelNames, async function () {
      const samples = await reading();
      this.reset();
      for (const s of samples) this.set(s.labels as Record<L, string>, s.value);
    });
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[] = [], buckets?: number[]): Histogram<L> {
    return (
      (this.registry.getSingleMetric(name) as Histogram<L>) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) })
    );
  }
}
