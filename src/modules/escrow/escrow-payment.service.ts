import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { MAX_AMOUNT_FEN } from '../../platform/database/money';
import { Problems } from '../../platform/errors/problems';
import { UUID } from '../../platform/ids/uuid';
import { assertInstructor } from './escrow.access';
import { EscrowAccount } from './entities/escrow-account.entity';
import { EscrowInstruction } from './entities/escrow-instruction.entity';
import { EscrowInstructionService, PaymentFields } from './escrow-instruction.service';
import { text } from '../../platform/i18n/text';
import { charactersBetween } from '../../platform/i18n/field-texts';

export type ReleaseRequestOutcome =
  | { issued: true; instructionId: string; accountId: string }
  | {
      issued: false;
      reason: 'NO_ACCOUNT' | 'ACCOUNT_FROZEN' | 'FREEZE_PENDING';
      accountId: string | null;
    };

export type RefundRequestOutcome =
  { issued: true; instructionId: string; accountId: string } | { issued: false; reason: 'NO_ACCOUNT'; accountId: null };

/**
 * Payment instructions (一课一消, issue #20) the prepaid module asks for inside its own transaction: a RELEASE
 * of earned money to the institution, a REFUND back to the payer. Several may wait for the bank at once
 * (unlike FREEZE / UNFREEZE). A frozen account, or one with a FREEZE waiting, gets no RELEASE; a REFUND
 * goes to a frozen account too (a freeze protects exactly the families it pays back).
 */
@Injectable()
export class EscrowPaymentService {
  constructor(private readonly instructions: EscrowInstructionService) {}

  async requestRelease(
    em: EntityManager,
    input: { institutionId: string; amountFen: bigint; contractIds: string[]; reason: string; actor: Principal },
  ): Promise<ReleaseRequestOutcome> {
    assertInstructor(input.actor);
    const payment = checkPayment(input.amountFen, input.contractIds, null, input.reason);
    const account = await this.accountInUse(em, input.institutionId);
    if (!account) return { issued: false, reason: 'NO_ACCOUNT', accountId: null };
    if (account.status === 'FROZEN') return { issued: false, reason: 'ACCOUNT_FROZEN', accountId: account.id };
    if (await em.existsBy(EscrowInstruction, { accountId: account.id, status: 'PENDING', action: 'FREEZE' }))
      return { issued: false, reason: 'FREEZE_PENDING', accountId: account.id };
    const instruction = await this.instructions.issueIn(
      em,
      input.actor,
      account,
      'RELEASE',
      input.reason.trim(),
      payment,
    );
    return { issued: true, instructionId: instruction.id, accountId: account.id };
  }

  async requestRefund(
    em: EntityManager,
    input: {
      institutionId: string;
      amountFen: bigint;
      contractId: string;
      payeeRef: string;
      reason: string;
      actor: Principal;
    },
  ): Promise<RefundRequestOutcome> {
    assertInstructor(input.actor);
    const payment = checkPayment(input.amountFen, [input.contractId], input.payeeRef, input.reason);
    const account = await this.accountInUse(em, input.institutionId);
    if (!account) return { issued: false, reason: 'NO_ACCOUNT', accountId: null };
    const instruction = await this.instructions.issueIn(
      em,
      input.actor,
      account,
      'REFUND',
      input.reason.trim(),
      payment,
    );
    return { issued: true, instructionId: instruction.id, accountId: account.id };
  }

  /** The institution's account not closed, locked against a concurrent freeze or close. */
  private accountInUse(em: EntityManager, institutionId: string): Promise<EscrowAccount | null> {
    if (!UUID.test(institutionId)) return Promise.resolve(null);
    return em
      .getRepository(EscrowAccount)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.institution_id = :id AND a.status <> :closed', { id: institutionId, closed: 'CLOSED' })
      .getOne();
  }
}

/** A caller's bug, not a user's input: refused before anything is written. */
export function checkPayment(
  amountFen: bigint,
  contractIds: string[],
  payeeRef: string | null,
  reason: string,
): PaymentFields {
  const problems = new Problems();
  if (amountFen <= 0n || amountFen > MAX_AMOUNT_FEN)
    problems.add(
      'amountFen',
      text('must be above 0 and at most 99999999999.99 yuan', '须大于 0 且不超过 99999999999.99 元'),
    );
  if (contractIds.length === 0 || contractIds.length > 10_000 || !contractIds.every((id) => UUID.test(id)))
    problems.add('contractIds', text('must name 1 to 10,000 contracts by id', '须列出 1 到 10,000 个合同 id'));
  if (payeeRef !== null && (payeeRef.trim().length === 0 || payeeRef.length > 128))
    problems.add(
      'payeeRef',
      text(
        'must be the payer reference the bank reported (1–128 characters)',
        '须为银行报送的付款方参考号（1–128 个字符）',
      ),
    );
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500) problems.add('reason', charactersBetween(1, 500));
  problems.throwIfAny();
  return { amountFen, contractIds: [...new Set(contractIds)], payeeRef };
}
