import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { decrypt } from '../../platform/crypto/crypto';
import { formatMoney } from '../../platform/database/money';
import { Forbidden } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { ComplaintCategory, ComplaintChannel, ComplaintsFacade } from '../complaints';
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
import { PrepaidMoneyQueries } from './prepaid-money.queries';
import { RefundPaymentService } from './refund-payment.service';
import { OPEN_REFUND_STATUSES, refundPayload } from './refund-payload';
import { WorkingDays } from './working-days';
import { text } from '../../platform/i18n/text';

const SERVICE = systemPrincipal('prepaid.refund');
/** Staff who register a refund request received by letter or visit: the county office and EDU officers. */
export const REFUND_REGISTRARS = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];

/**
 * Refund cases (退费), the request and answer half: requested by the parent or registered by staff for the
 * lessons not yet taught at the contract price; the institution approves or disputes within
 * prepaid.refund_answer_working_days (silence approves: RefundSweep); a dispute opens a prepaid-fee
 * complaint in the same transaction. An approved case goes to RefundPaymentService (the REFUND instruction,
 * its execution and the bank's refusals). Deadlines are computed from the rule in force and stored.
 */
@Injectable()
export class RefundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: RefundPaymentService,
    private readonly complaints: ComplaintsFacade,
    private readonly policy: PolicyFacade,
    private readonly workingDays: WorkingDays,
    private readonly queries: PrepaidMoneyQueries,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The parent's request (the parent entry point has checked the contract code and second factor). */
  requestByParent(contractId: string): Promise<PrepaidRefund> {
    return this.dataSource.transaction((em) => this.open(em, contractId, 'PARENT', SERVICE));
  }

  /** Staff register a request received by letter or visit (COUNTY_ADMIN; EDU officers for contracts in their department). */
  async register(actor: Principal, input: { contractId: string; note?: string | null }): Promise<PrepaidRefund> {
    if (!hasRole(actor, ...REFUND_REGISTRARS)) throw new Forbidden();
    if (actor.kind === 'user' && actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode !== 'EDU')
      throw new Forbidden(
        text(
          'Only the county office and EDU officers register refund requests',
          '只有县级管理部门和教育部门（EDU）工作人员可以登记退费申请',
        ),
      );
    if (!UUID.test(input.contractId)) throw refundContractNotFound(input.contractId);
    return this.dataSource.transaction(async (em) => {
      if (!(await this.queries.contractVisible(em, actor, input.contractId)))
        throw refundContractNotFound(input.contractId);
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
    if (await em.existsBy(PrepaidRefund, { contractId, status: In(OPEN_REFUND_STATUSES) })) throw refundOpen();
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
        answerDueOn: await this.workingDays.addWorkingDays(businessDate(now, this.config.timeZone), answerDays),
        answeredAt: null,
        answerNote: note,
        approvedBy: null,
        instructionId: null,
        executedTxnId: null,
        executionDueOn: null,
        complaintId: null,
        refusedAt: null,
        refusalNote: null,
      }),
    );
    await em.update(PrepaidContract, { id: contractId }, { status: PrepaidContractStatus.REFUNDING });
    await this.events.publish(em, 'prepaid.refund.requested', refundPayload(refund, requestedBy));
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

  /**
   * The institution's answer (INSTITUTION_ADMIN, its own refunds only): approve, or dispute with a reason.
   * A dispute opens a prepaid-fee complaint (PREPAID_FEE_REFUND, routed as such complaints are) for the
   * family, with the contract named, in the same transaction; the refund keeps its id.
   */
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
      return this.dispute(em, refund, actor);
    });
  }

  private async dispute(em: EntityManager, refund: PrepaidRefund, actor: Principal): Promise<PrepaidRefund> {
    const contract = await em.findOneByOrFail(PrepaidContract, { id: refund.contractId });
    const key = this.config.security.encryptionKey;
    const complaint = await this.complaints.openIn(
      em,
      SERVICE,
      {
        category: ComplaintCategory.PREPAID_FEE_REFUND,
        description:
          `机构对退费申请提出异议 (预付费合同 ${contract.id}, 退费 ${refund.id}, ${refund.lessonsRefunded} 课时 ` +
          `${formatMoney(refund.amountFen)} 元): ${refund.answerNote ?? '未说明理由'}`,
        institutionId: contract.institutionId,
        contactName: decrypt(key, contract.payerNameEnc),
        contactPhone: decrypt(key, contract.payerPhoneEnc),
      },
      refund.requestedBy === 'PARENT' ? ComplaintChannel.ONLINE : ComplaintChannel.LETTERS_VISITS,
    );
    refund.status = PrepaidRefundStatus.DISPUTED;
    refund.complaintId = complaint.id;
    await em.save(refund);
    await this.events.publish(em, 'prepaid.refund.disputed', {
      ...refundPayload(refund, 'INSTITUTION'),
      complaintId: complaint.id,
    });
    await this.audit.record(em, {
      actor,
      action: 'prepaid.refund.disputed',
      entityType: 'prepaid_refund',
      entityId: refund.id,
      summary: { note: refund.answerNote, complaintId: complaint.id, trackingNumber: complaint.trackingNumber },
    });
    return refund;
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
    await this.events.publish(em, 'prepaid.refund.approved', refundPayload(refund, by));
    await this.audit.record(em, {
      actor,
      action: 'prepaid.refund.approved',
      entityType: 'prepaid_refund',
      entityId: refund.id,
      summary: { approvedBy: by },
    });
    await this.payments.instruct(em, refund);
    return refund;
  }

  /** Silence approves: requests not answered by the end of their answer due date. Each in its own transaction. */
  async approveSilent(now: Date): Promise<number> {
    let n = 0;
    for (const id of await this.queries.silentRefundIds(businessDate(now, this.config.timeZone))) {
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

  /** An institution leaves the market (deregistered, revoked, black-listed): every active contract with value left becomes an approved refund case. */
  async openForExit(em: EntityManager, institutionId: string, why: string): Promise<number> {
    let n = 0;
    for (const id of await this.queries.contractsToRefundOnExit(em, institutionId)) {
      const contract = await em.findOneByOrFail(PrepaidContract, { id });
      if (refundableFen(contract).amountFen === 0n) continue;
      await this.open(em, id, why, SERVICE, null, why);
      n += 1;
    }
    return n;
  }
}
