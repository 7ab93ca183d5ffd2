import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';

/**
 * Keeps when a refund was executed (`prepaid_refund.executed_at`, read by the dashboard's median working
 * days): the time of the prepaid.refund.executed event, which is published in the transaction that closes
 * the case. Idempotent: a case already stamped keeps its time.
 */
@Injectable()
export class RefundExecutedAtSubscriber {
  @OnEvent('prepaid.refund.executed', { name: 'prepaid.refund-executed-at' })
  async onExecuted(event: DomainEvent<'prepaid.refund.executed'>, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE prepaid_refund SET executed_at = $2 WHERE id = $1 AND status = 'EXECUTED' AND executed_at IS NULL`,
      [event.payload.refundId, event.occurredAt],
    );
  }
}
