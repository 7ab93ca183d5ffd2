import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { BankPrincipal } from '../../../platform/auth/principal';
import { IdempotencyStore } from '../../../platform/http/idempotency';
import { AccountMonitor } from '../monitoring/account-monitor';
import { BatchResult, ItemResult, summarise } from './ingest-results';

/**
 * The end of every batch, inside its transaction: when something was stored, the monitoring rules on the
 * accounts it touched and one audit row for the batch; then the answer, recorded with the idempotency key
 * so it commits with the batch (a retry after a crash gets it).
 */
@Injectable()
export class IngestBookkeeping {
  constructor(
    private readonly monitor: AccountMonitor,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async close(
    em: EntityManager,
    batch: {
      actor: BankPrincipal;
      action: 'escrow.statements.received' | 'escrow.transactions.received';
      batchId: string;
      now: Date;
      items: number;
      /** The accounts of the accepted items, one per accepted item. */
      acceptedAccountIds: string[];
      results: ItemResult[];
    },
  ): Promise<BatchResult> {
    const accepted = batch.acceptedAccountIds.length;
    if (accepted > 0) {
      const accountIds = [...new Set(batch.acceptedAccountIds)];
      const alerts = await this.monitor.evaluate(em, accountIds, batch.now);
      await this.audit.record(em, {
        actor: batch.actor,
        action: batch.action,
        entityType: 'escrow_batch',
        entityId: batch.batchId,
        summary: {
          accepted,
          items: batch.items,
          accounts: accountIds.length,
          alertsRaised: alerts.raised,
          alertsResolved: alerts.resolved,
        },
      });
    }
    const answer = summarise(batch.results);
    await this.idempotency.recordIn(em, answer);
    return answer;
  }
}
