import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { formatMoney } from '../../platform/database/money';
import { EventPublisher } from '../../platform/events';
import { EscrowFacade } from '../escrow';

export interface PostedDeposit {
  accountId: string;
  institutionId: string;
  txnId: string;
  amountFen: bigint;
  bookedAt: Date;
  payerRef: string | null;
  contractRef: string | null;
}

/**
 * Deposits left unmatched (the matching itself is DepositBatch, from the bank's posted events): each is
 * kept with the stored date its DEPOSIT_UNMATCHED alert falls due (prepaid.deposit_match_working_days).
 */
@Injectable()
export class DepositService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escrow: EscrowFacade,
    private readonly events: EventPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Deposits still unmatched after their due date: DEPOSIT_UNMATCHED, once each (prepaid.deposit.unmatched). */
  async alertUnmatched(now: Date): Promise<number> {
    const today = businessDate(now, this.config.timeZone);
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE prepaid_deposit SET alerted_at = $2 WHERE (account_id, txn_id) IN (
           SELECT account_id, txn_id FROM prepaid_deposit WHERE contract_id IS NULL AND alerted_at IS NULL AND alert_due_on < $1
           ORDER BY alert_due_on LIMIT 1000 FOR UPDATE SKIP LOCKED)
         RETURNING account_id, txn_id, institution_id, amount_fen::text AS amount_fen, booked_at, payer_ref`,
        [today, now],
      )) as [
        {
          account_id: string;
          txn_id: string;
          institution_id: string;
          amount_fen: string;
          booked_at: Date;
          payer_ref: string | null;
        }[],
        number,
      ];
      for (const r of rows) {
        const bookedAt = new Date(r.booked_at).toISOString();
        await this.events.publish(em, 'prepaid.deposit.unmatched', {
          txnId: r.txn_id,
          accountId: r.account_id,
          institutionId: r.institution_id,
          amountFen: r.amount_fen,
          bookedAt,
        });
        await this.escrow.raiseAlert(em, {
          institutionId: r.institution_id,
          accountId: r.account_id,
          type: 'DEPOSIT_UNMATCHED',
          subjectRef: r.txn_id,
          details: { txnId: r.txn_id, amount: formatMoney(BigInt(r.amount_fen)), bookedAt, payerRef: r.payer_ref },
        });
      }
      return rows.length;
    });
  }
}
