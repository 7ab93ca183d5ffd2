import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { SupervisionQueries } from './supervision.queries';

/** Supervision tasks open and overdue by status, read at scrape time (SupervisionQueries.workload, cached). */
@Injectable()
export class SupervisionMetrics {
  constructor(metrics: MetricsService, supervision: SupervisionQueries, clock: Clock) {
    const workload = metrics.cached(() => supervision.workload(clock.now()), null);
    metrics.cachedGauge(
      'sj_supervision_tasks_open',
      'Supervision tasks not yet accepted, closed or cancelled (督查任务), by status',
      ['status'],
      async () => ((await workload()) ?? []).map((r) => ({ labels: { status: r.status }, value: r.open })),
    );
    metrics.cachedGauge(
      'sj_supervision_tasks_overdue',
      'Supervision tasks being worked on (assigned, in progress, returned) past their due date, by status',
      ['status'],
      async () => ((await workload()) ?? []).map((r) => ({ labels: { status: r.status }, value: r.overdue })),
    );
  }
}
