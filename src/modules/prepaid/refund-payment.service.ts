import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { systemPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { formatMoney } from '../../platform/database/money';
import { EventPublisher } from '../../platform/events';
import { EscrowFacade } from '../escrow';
import { PolicyFacade } from '../policy';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidRefund, PrepaidRefundStatus } from './entities/prepaid-refund.entity';
import { PrepaidMoneyQueries } from './prepaid-money.queries';
import { refundPayload } from './refund-payload';
import { WorkingDays } from './working-days';

const SERVICE = systemPrincipal('prepaid.refund');

/**
 * The payment half of a refund case (退费): an approved case becomes a REFUND instruction to the payer of the
 * matched deposit, due within prepaid.refund_execution_working_days (stored when first instructed); the
 * bank's REFUND transaction executes it; past the due date it is OVERDUE with a REFUND_OVERDUE alert (and,
 * from it, a supervision task); a REFUND the bank refuses puts the case back to APPROVED with the bank's note
 * and the sweep instructs it again, against the same due date.
 */
@Injectable()
export class RefundPaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escrow: EscrowFacade,
    private readonly policy: PolicyFacade,
    private readonly workingDays: WorkingDays,
    private readonly queries: PrepaidMoneyQueries,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private today(now = this.clock.now()): string {
    return businessDate(now, this.config.timeZone);
  }

  /**
   * An approved refund becomes a REFUND instruction to the payer of the matched deposit. No deposit matched
   * (no payee known) or no account in use (the risk-reserve route): it stays APPROVED for the officers. The
   * execution due date is computed once, at the first instruction, and kept when the case is instructed again.
   */
  async instruct(em: EntityManager, refund: PrepaidRefund): Promise<void> {
    const contract = await em.findOneByOrFail(PrepaidContract, { id: refund.contractId });
    if (!contract.matchedPayerRef) return;
    const outcome = await this.escrow.requestRefund(em, {
      institutionId: refund.institutionId,
      amountFen: refund.amountFen,
      contractId: refund.contractId,
      payeeRef: contract.matchedPayerRef,
      reason: `退费：${refund.lessonsRefunded} 课时未消课`,
      actor: SERVICE,
    });
    if (!outcome.issued) return;
    const now = this.clock.now();
    if (!refund.executionDueOn) {
      const days = await this.policy.value('prepaid.refund_execution_working_days', now);
      refund.executionDueOn = await this.workingDays.addWorkingDays(this.today(now), days);
    }
    refund.status = PrepaidRefundStatus.INSTRUCTED;
    refund.instructionId = outcome.instructionId;
    await em.save(refund);
    await this.events.publish(em, 'prepaid.refund.instructed', {
      ...refundPayload(refund, 'SWEEP'),
      instructionId: outcome.instructionId,
    });
    await this.audit.record(em, {
      actor: SERVICE,
      action: 'prepaid.refund.instructed',
      entityType: 'prepaid_refund',
      entityId: refund.id,
      summary: { instructionId: outcome.instructionId, executionDueOn: refund.executionDueOn },
    });
  }

  /** Refunds the bank refused, back to APPROVED: instructed again, each in its own transaction. */
  async instructRefused(): Promise<number> {
    let n = 0;
    for (const id of await this.queries.refusedRefundIds()) {
      await this.dataSource.transaction(async (em) => {
        const refund = await em
          .getRepository(PrepaidRefund)
          .createQueryBuilder('r')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('r.id = :id AND r.status = :s', { id, s: PrepaidRefundStatus.APPROVED })
          .getOne();
        if (!refund) return;
        await this.instruct(em, refund);
        if (refund.status === PrepaidRefundStatus.INSTRUCTED) n += 1;
      });
    }
    return n;
  }

  /**
   * Refunds not paid by their stored execution due date (instructed, or approved again after the bank
   * refused): OVERDUE, a REFUND_OVERDUE alert (supervision opens its task).
   */
  async markOverdue(now: Date): Promise<number> {
    const today = this.today(now);
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE prepaid_refund SET status = 'OVERDUE' WHERE id IN (
           SELECT id FROM prepaid_refund WHERE status IN ('INSTRUCTED','APPROVED') AND execution_due_on < $1
           ORDER BY execution_due_on LIMIT 1000 FOR UPDATE SKIP LOCKED)
         RETURNING id, contract_id, institution_id, amount_fen::text AS amount_fen, execution_due_on::text AS due, instruction_id`,
        [today],
      )) as [
        {
          id: string;
          contract_id: string;
          institution_id: string;
          amount_fen: string;
          due: string;
          instruction_id: string | null;
        }[],
        number,
      ];
      for (const r of rows) {
        const p = {
          refundId: r.id,
          contractId: r.contract_id,
          institutionId: r.institution_id,
          amountFen: r.amount_fen,
          status: PrepaidRefundStatus.OVERDUE,
          by: 'SWEEP',
        };
        await this.events.publish(em, 'prepaid.refund.overdue', { ...p, executionDueOn: r.due });
        await this.escrow.raiseAlert(em, {
          institutionId: r.institution_id,
          type: 'REFUND_OVERDUE',
          subjectRef: r.id,
          details: {
            refundId: r.id,
            contractId: r.contract_id,
            instructionId: r.instruction_id,
            amount: formatMoney(BigInt(r.amount_fen)),
            executionDueOn: r.due,
          },
        });
        await this.audit.record(em, {
          actor: SERVICE,
          action: 'prepaid.refund.overdue',
          entityType: 'prepaid_refund',
          entityId: r.id,
          summary: { executionDueOn: r.due },
        });
      }
      return rows.length;
    });
  }

  /**
   * The bank posted a REFUND on an account: it closes the oldest instructed (or overdue) refund of the
   * institution for that payee and amount. The contract's refunded money is counted and the contract REFUNDED.
   */
  async onBankRefund(
    em: EntityManager,
    input: { institutionId: string; txnId: string; amountFen: bigint; payerRef: string | null },
  ): Promise<boolean> {
    const [rows] = (await em.query(
      `UPDATE prepaid_refund r SET status = 'EXECUTED', executed_txn_id = $4
       WHERE r.id = (
         SELECT r2.id FROM prepaid_refund r2 JOIN prepaid_contract c ON c.id = r2.contract_id
         WHERE r2.institution_id = $1 AND r2.status IN ('INSTRUCTED','OVERDUE') AND r2.amount_fen = $2
           AND ($3::varchar IS NULL OR c.matched_payer_ref = $3)
         ORDER BY r2.requested_at, r2.id LIMIT 1 FOR UPDATE OF r2)
       RETURNING r.id, r.contract_id, r.amount_fen::text AS amount_fen`,
      [input.institutionId, input.amountFen.toString(), input.payerRef, input.txnId],
    )) as [{ id: string; contract_id: string; amount_fen: string }[], number];
    const r = rows[0];
    if (!r) return false;
    await em.query(`UPDATE prepaid_contract SET refunded_fen = refunded_fen + $2, status = 'REFUNDED' WHERE id = $1`, [
      r.contract_id,
      r.amount_fen,
    ]);
    await this.events.publish(em, 'prepaid.refund.executed', {
      refundId: r.id,
      contractId: r.contract_id,
      institutionId: input.institutionId,
      amountFen: r.amount_fen,
      status: PrepaidRefundStatus.EXECUTED,
      by: 'BANK',
      txnId: input.txnId,
    });
    await this.escrow.resolveAlert(em, {
      institutionId: input.institutionId,
      type: 'REFUND_OVERDUE',
      subjectRef: r.id,
    });
    await this.audit.record(em, {
      actor: SERVICE,
      action: 'prepaid.refund.executed',
      entityType: 'prepaid_refund',
      entityId: r.id,
      summary: { txnId: input.txnId, amount: formatMoney(BigInt(r.amount_fen)) },
    });
    return true;
  }

  /**
   * The bank refused the REFUND instruction: the case is APPROVED again with the bank's note, its
   * instruction cleared; the sweep instructs it again and its execution due date still stands.
   */
  async onRefused(em: EntityManager, instructionId: string, note: string | null): Promise<boolean> {
    const refund = await em
      .getRepository(PrepaidRefund)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.instruction_id = :id', { id: instructionId })
      .andWhere('r.status IN (:...s)', { s: [PrepaidRefundStatus.INSTRUCTED, PrepaidRefundStatus.OVERDUE] })
      .getOne();
    if (!refund) return false;
    refund.status = PrepaidRefundStatus.APPROVED;
    refund.instructionId = null;
    refund.refusedAt = this.clock.now();
    refund.refusalNote = note?.slice(0, 1000) ?? null;
    await em.save(refund);
    await this.events.publish(em, 'prepaid.refund.refused', { ...refundPayload(refund, 'BANK'), instructionId, note });
    await this.audit.record(em, {
      actor: SERVICE,
      action: 'prepaid.refund.refused',
      entityType: 'prepaid_refund',
      entityId: refund.id,
      summary: { instructionId, note, executionDueOn: refund.executionDueOn },
    });
    return true;
  }
}
