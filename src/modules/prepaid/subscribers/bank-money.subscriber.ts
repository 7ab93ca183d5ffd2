import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { DepositService } from '../deposit.service';
import { RefundPaymentService } from '../refund-payment.service';
import { ReleaseService } from '../release.service';

/**
 * What banks post (escrow.transactions.posted, one event per batch and account): deposits are matched to
 * contracts, releases are checked against what confirmed lessons earned, refunds close their cases.
 * Reversals are left to escrow's own rules (custody) and to officers.
 */
@Injectable()
export class BankMoneySubscriber {
  constructor(
    private readonly deposits: DepositService,
    private readonly releases: ReleaseService,
    private readonly refunds: RefundPaymentService,
  ) {}

  @OnEvent('escrow.transactions.posted', { name: 'prepaid.bank-money' })
  async onPosted(event: DomainEvent<'escrow.transactions.posted'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    for (const item of p.items) {
      const amountFen = BigInt(item.amountFen);
      const bookedAt = new Date(item.bookedAt);
      if (item.type === 'DEPOSIT')
        await this.deposits.onDeposit(em, {
          accountId: p.accountId,
          institutionId: p.institutionId,
          txnId: item.txnId,
          amountFen,
          bookedAt,
          payerRef: item.payerRef,
          contractRef: item.contractRef,
        });
      else if (item.type === 'RELEASE')
        await this.releases.onBankRelease(em, {
          accountId: p.accountId,
          institutionId: p.institutionId,
          txnId: item.txnId,
          amountFen,
          bookedAt,
        });
      else if (item.type === 'REFUND')
        await this.refunds.onBankRefund(em, {
          institutionId: p.institutionId,
          txnId: item.txnId,
          amountFen,
          payerRef: item.payerRef,
        });
    }
  }
}
