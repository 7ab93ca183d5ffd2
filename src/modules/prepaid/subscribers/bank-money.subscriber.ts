import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent, postedAccounts } from '../../../platform/events';
import { DepositBatch } from '../deposit-batch';
import { PostedDeposit } from '../deposit.service';
import { RefundPaymentService } from '../refund-payment.service';
import { ReleaseService } from '../release.service';

/**
 * What banks post (escrow.transactions.posted: v2 one event per batch with all its accounts, v1 one per
 * batch and account, still accepted from an outbox filled before an upgrade), all in the event's one
 * delivery transaction: deposits are matched to contracts (set-wise, DepositBatch), releases are checked
 * against what confirmed lessons earned, refunds close their cases. Items are taken in the event's order;
 * the deposits between two releases or refunds go together. Reversals are left to escrow's own rules
 * (custody) and to officers.
 */
@Injectable()
export class BankMoneySubscriber {
  constructor(
    private readonly deposits: DepositBatch,
    private readonly releases: ReleaseService,
    private readonly refunds: RefundPaymentService,
  ) {}

  @OnEvent('escrow.transactions.posted', { name: 'prepaid.bank-money' })
  async onPosted(event: DomainEvent<'escrow.transactions.posted'>, em: EntityManager): Promise<void> {
    let pending: PostedDeposit[] = [];
    const flush = async () => {
      if (pending.length > 0) await this.deposits.onDeposits(em, pending);
      pending = [];
    };
    for (const account of postedAccounts(event)) {
      const { accountId, institutionId } = account;
      for (const item of account.items) {
        const amountFen = BigInt(item.amountFen);
        const bookedAt = new Date(item.bookedAt);
        if (item.type === 'DEPOSIT') {
          pending.push({
            accountId,
            institutionId,
            txnId: item.txnId,
            amountFen,
            bookedAt,
            payerRef: item.payerRef,
            contractRef: item.contractRef,
          });
        } else if (item.type === 'RELEASE') {
          await flush();
          await this.releases.onBankRelease(em, { accountId, institutionId, txnId: item.txnId, amountFen, bookedAt });
        } else if (item.type === 'REFUND') {
          await flush();
          await this.refunds.onBankRefund(em, { institutionId, txnId: item.txnId, amountFen, payerRef: item.payerRef });
        }
      }
    }
    await flush();
  }
}
