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
import { contractCodeHash, normaliseContractCode } from './contract-code';
import { WorkingDays } from './working-days';

const SERVICE = systemPrincipal('prepaid.deposit');

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
 * Deposits meet contracts: a bank DEPOSIT is matched to its contract by the contract code the bank sent
 * (contractRef, hashed as stored), else to the one unmatched contract of that account whose total equals
 * the amount (payer and amount: the bank's payerRef is masked, so the amount decides and the payerRef is
 * kept as the refund payee). Unmatched deposits are kept with the stored date their DEPOSIT_UNMATCHED alert
 * falls due (prepaid.deposit_match_working_days).
 */
@Injectable()
export class DepositService {
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

  async onDeposit(em: EntityManager, d: PostedDeposit): Promise<'CONTRACT_REF' | 'PAYER_AMOUNT' | null> {
    const now = this.clock.now();
    const days = await this.policy.value('prepaid.deposit_match_working_days', now);
    const dueOn = await this.workingDays.addWorkingDays(businessDate(d.bookedAt, this.config.timeZone), days);
    const inserted = (await em.query(
      `INSERT INTO prepaid_deposit (account_id, txn_id, institution_id, amount_fen, payer_ref, contract_ref_given, booked_at, alert_due_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING txn_id`,
      [
        d.accountId,
        d.txnId,
        d.institutionId,
        d.amountFen.toString(),
        d.payerRef,
        d.contractRef !== null,
        d.bookedAt,
        dueOn,
      ],
    )) as { txn_id: string }[];
    if (inserted.length === 0) return null; // delivered before: nothing to do twice
    let by: 'CONTRACT_REF' | 'PAYER_AMOUNT' = 'CONTRACT_REF';
    let contract = await this.byContractRef(em, d);
    if (!contract) {
      by = 'PAYER_AMOUNT';
      contract = await this.byAmount(em, d);
    }
    if (!contract) return null;
    await em.query(
      `UPDATE prepaid_contract SET matched_txn_id = $2, matched_at = $3, matched_payer_ref = $4 WHERE id = $1`,
      [contract, d.txnId, now, d.payerRef],
    );
    await em.query(
      `UPDATE prepaid_deposit SET contract_id = $3, matched_by = $4, matched_at = $5 WHERE account_id = $1 AND txn_id = $2`,
      [d.accountId, d.txnId, contract, by, now],
    );
    await this.events.publish(em, 'prepaid.deposit.matched', {
      contractId: contract,
      txnId: d.txnId,
      accountId: d.accountId,
      institutionId: d.institutionId,
      amountFen: d.amountFen.toString(),
      by,
    });
    await this.audit.record(em, {
      actor: SERVICE,
      action: 'prepaid.deposit.matched',
      entityType: 'prepaid_contract',
      entityId: contract,
      summary: { txnId: d.txnId, amount: formatMoney(d.amountFen), by },
    });
    return by;
  }

  private async byContractRef(em: EntityManager, d: PostedDeposit): Promise<string | null> {
    const code = d.contractRef === null ? null : normaliseContractCode(d.contractRef);
    if (!code) return null;
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM prepaid_contract WHERE contract_code_hash = $1 AND institution_id = $2 AND matched_at IS NULL FOR UPDATE`,
      [contractCodeHash(this.config.security.piiHashKey, code), d.institutionId],
    );
    return rows[0]?.id ?? null;
  }

  private async byAmount(em: EntityManager, d: PostedDeposit): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM prepaid_contract WHERE escrow_account_id = $1 AND matched_at IS NULL AND total_fen = $2
         AND status = 'ACTIVE' ORDER BY created_at, id LIMIT 2 FOR UPDATE`,
      [d.accountId, d.amountFen.toString()],
    );
    return rows.length === 1 ? rows[0].id : null; // two candidates: an officer decides, not the service
  }

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
