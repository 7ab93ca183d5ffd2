import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { queryCount } from '../database/query-counter';

/**
 * The process's Prometheus registry. Modules add their own metrics through `counter`, `gauge` and
 * `histogram`, which return the existing metric when called twice with the same name.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpQueries: Histogram<'route'>;

  constructor() {
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
    this.httpDuration = this.histogram('http_request_duration_seconds', 'HTTP request latency by route', ['method', 'route', 'status'], [
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]);
    this.httpQueries = this.histogram('http_request_db_queries', 'SQL statements sent per HTTP request, by route', ['route'], [1, 2, 4, 8, 16, 32, 64, 128, 256]);
  }

  counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return (this.registry.getSingleMetric(name) as Counter<L>) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<L extends string>(name: string, help: string, labelNames: L[] = [], collect?: (this: Gauge<L>) => Promise<void> | void): Gauge<L> {
    return (
      (this.registry.getSingleMetric(name) as Gauge<L>) ??
      new Gauge({ name, help, labelNames, registers: [this.registry], ...(collect ? { collect } : {}) })
    );
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[] = [], buckets?: number[]): Histogram<L> {
    return (
      (this.registry.getSingleMetric(name) as Histogram<L>) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) })
    );
  }
}
