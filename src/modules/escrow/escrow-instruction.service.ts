import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PolicyFacade } from '../policy';
import { AuditService } from '../../platform/audit/audit.service';
import { BankPrincipal, Principal, actorName } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { assertInstructor } from './escrow.access';
import {
  accountClosed,
  accountNotFound,
  alreadyAcknowledged,
  instructionNotApplicable,
  instructionNotFound,
  instructionPending,
} from './escrow.errors';
import { EscrowAccount } from './entities/escrow-account.entity';
import {
  EscrowInstruction,
  InstructionAction,
  InstructionStatus,
  PaymentAction,
} from './entities/escrow-instruction.entity';
import { formatMoney } from '../../platform/database/money';
import { UUID } from '../../platform/ids/uuid';
import { text } from '../../platform/i18n/text';

/** What a bank sees of an instruction (docs/bank-api.md). */
export interface BankInstructionView {
  id: string;
  accountNo: string;
  action: InstructionAction;
  reason: string;
  issuedAt: string;
  status: InstructionStatus;
  outcome: 'EXECUTED' | 'REFUSED' | null;
  executedAt: string | null;
  note: string | null;
  acknowledgedAt: string | null;
  /** RELEASE / REFUND only (absent on FREEZE / UNFREEZE, which are unchanged for v1 clients): "123.45". */
  amount?: string;
  /** RELEASE / REFUND only: the prepaid contracts covered, by id (never the contract code). */
  contractIds?: string[];
  /** REFUND only: the payer reference the bank reported on the deposit; the bank pays the refund to that payer. */
  payeeRef?: string;
}

/** Freeze and unfreeze: one pending per account at a time (ux_escrow_instruction_pending). */
export const STATE_ACTIONS: InstructionAction[] = ['FREEZE', 'UNFREEZE'];
/** What GET /instructions lists unless the bank asks for the payment actions too (?actions=…). */
export const DEFAULT_BANK_ACTIONS: InstructionAction[] = STATE_ACTIONS;

/** The payment fields of a RELEASE or REFUND instruction. */
export interface PaymentFields {
  amountFen: bigint;
  contractIds: string[];
  payeeRef: string | null;
}

export type FreezeRequestOutcome =
  | { issued: true; instructionId: string; accountId: string }
  | { issued: false; reason: 'NO_ACCOUNT' | 'ALREADY_FROZEN' | 'INSTRUCTION_PENDING'; accountId: string | null };

/**
 * Instructions (监管指令) to the bank holding an account: FREEZE / UNFREEZE issued by the county office
 * (or by the service for a black-list entry), polled and acknowledged by the bank. An EXECUTED
 * acknowledgement applies the instruction to the account.
 */
@Injectable()
export class EscrowInstructionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    actor: Principal,
    input: { accountId: string; action: InstructionAction; reason: string },
  ): Promise<EscrowInstruction> {
    assertInstructor(actor);
    if (!STATE_ACTIONS.includes(input.action))
      throw instructionNotApplicable(
        text(
          'RELEASE and REFUND are issued by the service from prepaid contracts',
          'RELEASE（划拨）和 REFUND（退款）指令由系统根据预付费合同自动发出',
        ),
      );
    if (!UUID.test(input.accountId)) throw accountNotFound(input.accountId);
    return this.dataSource.transaction(async (em) => {
      const account = await em
        .getRepository(EscrowAccount)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: input.accountId })
        .getOne();
      if (!account) throw accountNotFound(input.accountId);
      if (account.status === 'CLOSED') throw accountClosed();
      if (input.action === 'FREEZE' && account.status !== 'ACTIVE')
        throw instructionNotApplicable(
          text('Only an ACTIVE account can be frozen', '只有 ACTIVE（正常）状态的账户可以冻结'),
        );
      if (input.action === 'UNFREEZE' && account.status !== 'FROZEN')
        throw instructionNotApplicable(
          text('Only a FROZEN account can be unfrozen', '只有 FROZEN（冻结）状态的账户可以解冻'),
        );
      if (await this.statePending(em, account.id)) throw instructionPending();
      return this.issueIn(em, actor, account, input.action, input.reason.trim());
    });
  }

  /** Issues a FREEZE for the institution's account inside the caller's transaction (credit's black list). */
  async requestFreeze(
    em: EntityManager,
    input: { institutionId: string; reason: string; actor: Principal },
  ): Promise<FreezeRequestOutcome> {
    assertInstructor(input.actor);
    const account = await em
      .getRepository(EscrowAccount)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.institution_id = :id AND a.status <> :closed', { id: input.institutionId, closed: 'CLOSED' })
      .getOne();
    if (!account) return { issued: false, reason: 'NO_ACCOUNT', accountId: null };
    if (account.status === 'FROZEN') return { issued: false, reason: 'ALREADY_FROZEN', accountId: account.id };
    if (await this.statePending(em, account.id))
      return { issued: false, reason: 'INSTRUCTION_PENDING', accountId: account.id };
    const instruction = await this.issueIn(em, input.actor, account, 'FREEZE', input.reason.trim());
    return { issued: true, instructionId: instruction.id, accountId: account.id };
  }

  /** Whether a FREEZE or UNFREEZE waits for the bank (payment instructions do not count). */
  statePending(em: EntityManager, accountId: string): Promise<boolean> {
    return em.existsBy(EscrowInstruction, { accountId, status: 'PENDING', action: In(STATE_ACTIONS) });
  }

  /** Issues an instruction on a locked account in the caller's transaction: its event and audit row with it. */
  async issueIn(
    em: EntityManager,
    actor: Principal,
    account: EscrowAccount,
    action: InstructionAction,
    reason: string,
    payment: PaymentFields | null = null,
  ): Promise<EscrowInstruction> {
    const instruction = await em.save(
      em.create(EscrowInstruction, {
        accountId: account.id,
        bankCode: account.bankCode,
        institutionId: account.institutionId,
        action,
        reason,
        status: 'PENDING',
        issuedAt: this.clock.now(),
        issuedBy: actorName(actor),
        executedAt: null,
        note: null,
        acknowledgedAt: null,
        acknowledgedKeyId: null,
        escalatedAt: null,
        amountFen: payment?.amountFen ?? null,
        contractIds: payment?.contractIds ?? null,
        payeeRef: payment?.payeeRef ?? null,
      }),
    );
    await this.events.publish(em, 'escrow.instruction.issued', {
      instructionId: instruction.id,
      accountId: account.id,
      institutionId: account.institutionId,
      bankCode: account.bankCode,
      action,
      ...paymentPayload(instruction),
    });
    await this.audit.record(em, {
      actor,
      action: 'escrow.instruction.issued',
      entityType: 'escrow_instruction',
      entityId: instruction.id,
      summary: { accountId: account.id, action, reason, ...paymentPayload(instruction) },
    });
    return instruction;
  }

  /** A bank's instructions of the given actions (FREEZE and UNFREEZE unless it asks for more), oldest first (at most 500). */
  async listForBank(
    actor: BankPrincipal,
    status: InstructionStatus,
    actions: readonly InstructionAction[] = DEFAULT_BANK_ACTIONS,
  ): Promise<BankInstructionView[]> {
    const rows = await this.dataSource
      .getRepository(EscrowInstruction)
      .createQueryBuilder('i')
      .innerJoin(EscrowAccount, 'a', 'a.id = i.account_id')
      .addSelect('a.account_no', 'account_no')
      .where('i.bank_code = :bank AND i.status = :status AND i.action IN (:...actions)', {
        bank: actor.bankCode,
        status,
        actions: [...new Set(actions)],
      })
      .orderBy('i.issued_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(500)
      .getRawAndEntities();
    return rows.entities.map((i, n) => view(i, (rows.raw[n] as { account_no: string }).account_no));
  }

  async acknowledge(
    actor: BankPrincipal,
    id: string,
    input: { outcome: 'EXECUTED' | 'REFUSED'; executedAt: Date; note?: string | null },
  ): Promise<BankInstructionView> {
    if (!UUID.test(id)) throw instructionNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const instruction = await em
        .getRepository(EscrowInstruction)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.id = :id AND i.bank_code = :bank', { id, bank: actor.bankCode })
        .getOne();
      if (!instruction) throw instructionNotFound(id);
      const account = await em
        .getRepository(EscrowAccount)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: instruction.accountId })
        .getOneOrFail();
      if (instruction.status !== 'PENDING') {
        if (instruction.status === input.outcome) return view(instruction, account.accountNo);
        throw alreadyAcknowledged(instruction.status);
      }
      const now = this.clock.now();
      instruction.status = input.outcome;
      instruction.executedAt = input.executedAt;
      instruction.note = input.note ?? null;
      instruction.acknowledgedAt = now;
      instruction.acknowledgedKeyId = actor.keyId;
      await em.save(instruction);
      const payload = {
        instructionId: instruction.id,
        accountId: account.id,
        institutionId: account.institutionId,
        bankCode: account.bankCode,
        action: instruction.action,
        outcome: input.outcome,
        ...paymentPayload(instruction),
        note: instruction.note,
      };
      await this.events.publish(em, 'escrow.instruction.acknowledged', payload);
      // Only FREEZE / UNFREEZE change the account; the money of an executed RELEASE or REFUND arrives as the bank's transaction.
      if (input.outcome === 'EXECUTED' && account.status !== 'CLOSED' && STATE_ACTIONS.includes(instruction.action)) {
        const next = instruction.action === 'FREEZE' ? 'FROZEN' : 'ACTIVE';
        if (account.status !== next) {
          await em.update(EscrowAccount, { id: account.id }, { status: next, updatedAt: now });
          await this.events.publish(em, next === 'FROZEN' ? 'escrow.account.frozen' : 'escrow.account.unfrozen', {
            accountId: account.id,
            accountNo: account.accountNo,
            institutionId: account.institutionId,
            bankCode: account.bankCode,
            status: next,
          });
        }
      }
      await this.audit.record(em, {
        actor,
        action: 'escrow.instruction.acknowledged',
        entityType: 'escrow_instruction',
        entityId: instruction.id,
        summary: { outcome: input.outcome, executedAt: input.executedAt.toISOString(), note: input.note ?? null },
      });
      return view(instruction, account.accountNo);
    });
  }

  /** Escalates instructions pending longer than escrow.instruction_ack_hours, each once. */
  async escalateOverdue(now: Date): Promise<number> {
    const ackHours = await this.policy.value('escrow.instruction_ack_hours', now);
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE escrow_instruction SET escalated_at = $1 WHERE id IN (
           SELECT id FROM escrow_instruction WHERE status = 'PENDING' AND escalated_at IS NULL AND issued_at < $1::timestamptz - make_interval(hours => $2)
           ORDER BY issued_at LIMIT 500 FOR UPDATE SKIP LOCKED)
         RETURNING id, account_id, institution_id, bank_code, action, issued_at, reason, amount_fen::text AS amount_fen, contract_ids`,
        [now, ackHours],
      )) as [
        {
          id: string;
          account_id: string;
          institution_id: string;
          bank_code: string;
          action: InstructionAction;
          issued_at: Date;
          reason: string;
          amount_fen: string | null;
          contract_ids: string[] | null;
        }[],
        number,
      ];
      await this.events.publishMany(
        em,
        rows.map((r) => ({
          name: 'escrow.instruction.unacknowledged' as const,
          payload: {
            instructionId: r.id,
            accountId: r.account_id,
            institutionId: r.institution_id,
            bankCode: r.bank_code,
            action: r.action,
            issuedAt: new Date(r.issued_at).toISOString(),
            reason: r.reason,
            ...(r.amount_fen !== null && r.contract_ids !== null
              ? { amountFen: r.amount_fen, contractIds: r.contract_ids }
              : {}),
          },
        })),
      );
      return rows.length;
    });
  }
}

/** The payment fields of an instruction's events and audit row (none for FREEZE / UNFREEZE). */
function paymentPayload(i: EscrowInstruction): { amountFen?: string; contractIds?: string[]; payeeRef?: string } {
  if (i.amountFen === null || i.contractIds === null) return {};
  return {
    amountFen: i.amountFen.toString(),
    contractIds: i.contractIds,
    ...(i.payeeRef !== null ? { payeeRef: i.payeeRef } : {}),
  };
}

export const isPaymentAction = (a: InstructionAction): a is PaymentAction => a === 'RELEASE' || a === 'REFUND';

function view(i: EscrowInstruction, accountNo: string): BankInstructionView {
  const payment: Partial<BankInstructionView> =
    isPaymentAction(i.action) && i.amountFen !== null
      ? {
          amount: formatMoney(i.amountFen),
          contractIds: i.contractIds ?? [],
          ...(i.action === 'REFUND' && i.payeeRef !== null ? { payeeRef: i.payeeRef } : {}),
        }
      : {};
  return {
    id: i.id,
    accountNo,
    action: i.action,
    reason: i.reason,
    issuedAt: i.issuedAt.toISOString(),
    status: i.status,
    outcome: i.status === 'PENDING' ? null : i.status,
    executedAt: i.executedAt?.toISOString() ?? null,
    note: i.note,
    acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    ...payment,
  };
}
