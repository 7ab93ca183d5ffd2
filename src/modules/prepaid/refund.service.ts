import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { scopeCondition } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { formatMoney } from '../../platform/database/money';
import { Forbidden } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { EscrowFacade } from '../escrow';
import { PolicyFacade } from '../policy';
import { PrepaidContract, PrepaidContractStatus } from './entities/prepaid-contract.entity';
import { PrepaidRefund, PrepaidRefundStatus } from './entities/prepaid-refund.entity';
import { refundableFen } from './prepaid-money';
import {
  nothingToRefund,
  refundAnswered,
  refundContractNotFound,
  refundNotFound,
  refundNotRefundable,
  refundOpen,
} from './prepaid-money.errors';
import { WorkingDays } from './working-days';

const SERVICE = systemPrincipal('prepaid.refund');
/** Staff who register a refund request received by letter or visit: the county office and EDU officers. */
export const REFUND_REGISTRARS = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];

type RefundEvent =
  | 'prepaid.refund.requested'
  | 'prepaid.refund.approved'
  | 'prepaid.refund.disputed'
  | 'prepaid.refund.instructed'
  | 'prepaid.refund.executed'
  | 'prepaid.refund.overdue';

/**
 * Refund cases (退费): requested by the parent or registered by staff for the lessons not yet taught at the
 * contract price; the institution approves or disputes within prepaid.refund_answer_working_days (silence
 * approves: RefundSweep); an approved case becomes a REFUND instruction to the payer of the matched deposit,
 * due within prepaid.refund_execution_working_days (else REFUND_OVERDUE and a supervision task); the bank's
 * REFUND transaction closes it. Deadlines are computed from the rule in force at the step and stored.
 */
@Injectable()
export class RefundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escrow: EscrowFacade,
    private readonly policy: PolicyFacade,
    private readonly workingDays: WorkingDays,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private today(now = this.clock.now()): string {
    return businessDate(now, this.config.timeZone);
  }

  /** The parent's request (the parent entry point has checked the contract code and second factor). */
  requestByParent(contractId: string): Promise<PrepaidRefund> {
    return this.dataSource.transaction((em) => this.open(em, contractId, 'PARENT', SERVICE));
  }

  /** Staff register a request received by letter or visit (COUNTY_ADMIN; EDU officers for contracts in their department). */
  async register(actor: Principal, input: { contractId: string; note?: string | null }): Promise<PrepaidRefund> {
    if (!hasRole(actor, ...REFUND_REGISTRARS)) throw new Forbidden();
    if (actor.kind === 'user' && actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode !== 'EDU')
      throw new Forbidden('Only the county office and EDU officers register refund requests');
    if (!UUID.test(input.contractId)) throw refundContractNotFound(input.contractId);
    return this.dataSource.transaction(async (em) => {
      const scope = scopeCondition(actor, { department: 'c.competent_department_code', township: 'c.township_code' });
      if (scope.kind === 'none') throw refundContractNotFound(input.contractId);
      const visible = await em
        .getRepository(PrepaidContract)
        .createQueryBuilder('c')
        .where('c.id = :id', { id: input.contractId })
        .andWhere(scope.kind === 'where' ? scope.sql : 'true', scope.kind === 'where' ? scope.params : {})
        .getExists();
      if (!visible) throw refundContractNotFound(input.contractId);
      return this.open(em, input.contractId, actorName(actor), actor, input.note ?? null);
    });
  }

  /**
   * Opens a refund case on a locked ACTIVE contract. `approvedBy` set: approved at once (an institution
   * leaving the market cannot be asked) and instructed.
   */
  async open(
    em: EntityManager,
    contractId: string,
    requestedBy: string,
    actor: Principal,
    note: string | null = null,
    approvedBy: string | null = null,
  ): Promise<PrepaidRefund> {
    const contract = await em
      .getRepository(PrepaidContract)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id: contractId })
      .getOne();
    if (!contract) throw refundContractNotFound(contractId);
    if (contract.status !== PrepaidContractStatus.ACTIVE) throw refundNotRefundable(contract.status);
    if (await em.existsBy(PrepaidRefund, { contractId, status: In(openStatuses()) })) throw refundOpen();
    const { lessons, amountFen } = refundableFen(contract);
    if (lessons === 0 || amountFen === 0n) throw nothingToRefund();
    const now = this.clock.now();
    const answerDays = await this.policy.value('prepaid.refund_answer_working_days', now);
    const refund = await em.save(
      em.create(PrepaidRefund, {
        contractId,
        institutionId: contract.institutionId,
        requestedAt: now,
        requestedBy,
        lessonsRefunded: lessons,
        amountFen,
        status: PrepaidRefundStatus.REQUESTED,
        answerDueOn: await this.workingDays.addWorkingDays(this.today(now), answerDays),
        answeredAt: null,
        answerNote: note,
        approvedBy: null,
        instructionId: null,
        executedTxnId: null,
        executionDueOn: null,
        complaintId: null,
      }),
    );
    await em.update(PrepaidContract, { id: contractId }, { status: PrepaidContractStatus.REFUNDING });
    await this.publish(em, 'prepaid.refund.requested', refund, requestedBy);
    await this.audit.record(em, {
      actor,
      action: 'prepaid.refund.requested',
      entityType: 'prepaid_refund',
      entityId: refund.id,
      summary: { contractId, lessons, amount: formatMoney(amountFen), requestedBy, answerDueOn: refund.answerDueOn },
    });
    if (approvedBy) await this.approve(em, refund, approvedBy, actor);
    return refund;
  }

  /** The institution's answer (INSTITUTION_ADMIN, its own refunds only): approve, or dispute with a reason. */
  async answer(
    actor: Principal,
    input: { refundId: string; approve: boolean; note?: string | null },
  ): Promise<PrepaidRefund> {
    if (!hasRole(actor, Role.INSTITUTION_ADMIN) || actor.kind !== 'user' || !actor.institutionId) throw new Forbidden();
    if (!UUID.test(input.refundId)) throw refundNotFound(input.refundId);
    return this.dataSource.transaction(async (em) => {
      const refund = await em
        .getRepository(PrepaidRefund)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id AND r.institution_id = :inst', { id: input.refundId, inst: actor.institutionId })
        .getOne();
      if (!refund) throw refundNotFound(input.refundId);
      if (refund.status !== PrepaidRefundStatus.REQUESTED) throw refundAnswered(refund.status);
      refund.answeredAt = this.clock.now();
      refund.answerNote = input.note?.trim() || null;
      if (input.approve) return this.approve(em, refund, 'INSTITUTION', actor);
      refund.status = PrepaidRefundStatus.DISPUTED;
      await em.save(refund);
      // The complaint is opened by the complaints side from this event (prepaid-fee routing, contract linked).
      await this.events.publish(em, 'prepaid.refund.disputed', {
        ...payload(refund, 'INSTITUTION'),
        complaintId: null,
      });
      await this.audit.record(em, {
        actor,
        action: 'prepaid.refund.disputed',
        entityType: 'prepaid_refund',
        entityId: refund.id,
        summary: { note: refund.answerNote },
      });
      return refund;
    });
  }

  private async approve(
    em: EntityManager,
    refund: PrepaidRefund,
    by: string,
    actor: Principal,
  ): Promise<PrepaidRefund> {
    refund.status = PrepaidRefundStatus.APPROVED;
    refund.approvedBy = by;
    await em.save(refund);
    await this.publish(em, 'prepaid.refund.approved', refund, by);
    await this.audit.record(em, {
      actor,
      action: 'prepaid.refund.approved',
      entityType: 'prepaid_refund',
      entityId: refund.id,
      summary: { approvedBy: by },
    });
    await this.instruct(em, refund);
    return refund;
  }

  /**
   * An approved refund becomes a REFUND instruction to the payer of the matched deposit. No deposit matched
   * (no payee known) or no account in use (the risk-reserve route): it stays APPROVED for the officers.
   */
  private async instruct(em: EntityManager, refund: PrepaidRefund): Promise<void> {
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
    const days = await this.policy.value('prepaid.refund_execution_working_days', now);
    refund.status = PrepaidRefundStatus.INSTRUCTED;
    refund.instructionId = outcome.instructionId;
    refund.executionDueOn = await this.workingDays.addWorkingDays(this.today(now), days);
    await em.save(refund);
    await this.events.publish(em, 'prepaid.refund.instructed', {
      ...payload(refund, 'SWEEP'),
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

  /** Silence approves: requests not answered by the end of their answer due date. Each in its own transaction. */
  async approveSilent(now: Date): Promise<number> {
    const today = this.today(now);
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM prepaid_refund WHERE status = 'REQUESTED' AND answer_due_on < $1 ORDER BY answer_due_on, id LIMIT 1000`,
      [today],
    );
    let n = 0;
    for (const { id } of due) {
      await this.dataSource.transaction(async (em) => {
        const refund = await em
          .getRepository(PrepaidRefund)
          .createQueryBuilder('r')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('r.id = :id AND r.status = :s', { id, s: PrepaidRefundStatus.REQUESTED })
          .getOne();
        if (!refund) return;
        await this.approve(em, refund, 'SILENCE', SERVICE);
        n += 1;
      });
    }
    return n;
  }

  /** Instructed refunds past their execution due date: OVERDUE, a REFUND_OVERDUE alert (supervision opens its task). */
  async markOverdue(now: Date): Promise<number> {
    const today = this.today(now);
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE prepaid_refund SET status = 'OVERDUE' WHERE id IN (
           SELECT id FROM prepaid_refund WHERE status = 'INSTRUCTED' AND execution_due_on < $1
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
          instruction_id: string;
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
      `UPDATE prepaid_refund r SET status = 'EXECUTED', executed_txn_id = CASE WHEN $4 ~ '^[0-9a-fA-F-]{36}$' THEN $4::uuid END
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

  /** An institution leaves the market (deregistered, revoked, black-listed): every active contract with value left becomes an approved refund case. */
  async openForExit(em: EntityManager, institutionId: string, why: string): Promise<number> {
    const contracts: { id: string }[] = await em.query(
      `SELECT c.id FROM prepaid_contract c WHERE c.institution_id = $1 AND c.status = 'ACTIVE' AND c.lessons_taught < c.lessons_bought
         AND NOT EXISTS (SELECT 1 FROM prepaid_refund r WHERE r.contract_id = c.id AND r.status IN ('REQUESTED','APPROVED','DISPUTED','INSTRUCTED','OVERDUE'))
       ORDER BY c.id`,
      [institutionId],
    );
    let n = 0;
    for (const c of contracts) {
      const contract = await em.findOneByOrFail(PrepaidContract, { id: c.id });
      if (refundableFen(contract).amountFen === 0n) continue;
      await this.open(em, c.id, why, SERVICE, null, why);
      n += 1;
    }
    return n;
  }

  private publish(
    em: EntityManager,
    name: Exclude<
      RefundEvent,
      'prepaid.refund.disputed' | 'prepaid.refund.instructed' | 'prepaid.refund.executed' | 'prepaid.refund.overdue'
    >,
    refund: PrepaidRefund,
    by: string,
  ) {
    return this.events.publish(em, name, payload(refund, by));
  }
}

function payload(refund: PrepaidRefund, by: string) {
  return {
    refundId: refund.id,
    contractId: refund.contractId,
    institutionId: refund.institutionId,
    amountFen: refund.amountFen.toString(),
    status: refund.status,
    by,
  };
}

function openStatuses(): PrepaidRefundStatus[] {
  return [
    PrepaidRefundStatus.REQUESTED,
    PrepaidRefundStatus.APPROVED,
    PrepaidRefundStatus.DISPUTED,
    PrepaidRefundStatus.INSTRUCTED,
    PrepaidRefundStatus.OVERDUE,
  ];
}
