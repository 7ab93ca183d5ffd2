import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { ComplaintsQueries } from './complaints.queries';

/** Complaints open and overdue by status, read at scrape time (ComplaintsQueries.workload, cached). */
@Injectable()
export class ComplaintsMetrics {
  constructor(metrics: MetricsService, complaints: ComplaintsQueries, clock: Clock) {
    const workload = metrics.cached(() => complaints.workload(clock.now()), null);
    metrics.cachedGauge(
      'sj_complaints_open',
      'Complaints still being worked on (投诉办理中), by status',
      ['status'],
      async () => ((await workload()) ?? []).map((r) => ({ labels: { status: r.status }, value: r.open })),
    );
    metrics.cachedGauge(
      'sj_complaints_overdue',
      'Open complaints past a pending statutory deadline (routing, acceptance, handling or review), by status',
      ['status'],
      async () => ((await workload()) ?? []).map((r) => ({ labels: { status: r.status }, value: r.overdue })),
    );
  }
}
