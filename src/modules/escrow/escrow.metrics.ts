import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../platform/metrics/metrics.service';
import type { BatchResult } from './bank-ingest.service';
import { ALERT_TYPES, AlertType } from './monitoring/rules';

/**
 * The escrow module's business metrics: bank items by result (counted in memory from the answers the
 * ingest gives, no SQL), alerts raised by type, and, read at scrape time, alerts open by type (an
 * index-only scan of idx_escrow_alert_list, cached for METRICS_CACHE_MS).
 */
@Injectable()
export class EscrowMetrics {
  private readonly items: Counter<'kind' | 'result' | 'code'>;
  private readonly raised: Counter<'type'>;

  constructor(metrics: MetricsService, dataSource: DataSource) {
    this.items = metrics.counter(
      'sj_bank_items_total',
      'Bank statement and transaction items answered, by kind, result (ACCEPTED, DUPLICATE, REJECTED) and rejection code',
      ['kind', 'result', 'code'],
    );
    this.raised = metrics.counter('sj_escrow_alerts_raised_total', 'Escrow alerts raised (资金监管预警), by type', [
      'type',
    ]);
    metrics.cachedGauge(
      'sj_escrow_alerts_open',
      'Escrow alerts open or acknowledged and not yet resolved, by type',
      ['type'],
      async () => {
        const rows = (await dataSource.query(
          `SELECT type, count(*)::int AS count FROM escrow_alert WHERE status IN ('OPEN','ACKNOWLEDGED') GROUP BY type`,
        )) as { type: string; count: number }[];
        const byType = new Map(rows.map((r) => [r.type, r.count]));
        return [...new Set([...ALERT_TYPES, ...byType.keys()])].map((type) => ({
          labels: { type },
          value: byType.get(type) ?? 0,
        }));
      },
    );
  }

  /** Counts the items of a batch once its transaction has committed (a failed batch answers nothing). */
  async countItems(kind: 'statement' | 'transaction', batch: Promise<BatchResult>): Promise<BatchResult> {
    const answer = await batch;
    for (const r of answer.results) this.items.inc({ kind, result: r.status, code: r.code ?? '' });
    return answer;
  }

  alertsRaised(types: AlertType[]): void {
    for (const type of types) this.raised.inc({ type });
  }
}
