import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { systemPrincipal } from '../../platform/auth/principal';
import { formatMoney } from '../../platform/database/money';
import { EventPublisher } from '../../platform/events';
import { EscrowFacade } from '../escrow';
import { CONFIRMED_VALUE_SQL, RELEASABLE_WHERE } from './prepaid-money';

const actor = systemPrincipal('prepaid.release');

/**
 * Releases (一课一消): per escrow account, the value of confirmed lessons less what was already released
 * (instructed or executed) becomes one RELEASE instruction covering its contracts. Set-wise: the accounts
 * come from the partial index of contracts with money to release, so a day's run reads those contracts
 * only; each account is one transaction (its contracts locked, the instruction, the counters, the release row).
 */
@Injectable()
export class ReleaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escrow: EscrowFacade,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
  ) {}

  async releaseDue(now: Date): Promise<{ instructed: number; skipped: number }> {
    const accounts: { account_id: string; institution_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT c.escrow_account_id AS account_id, c.institution_id FROM prepaid_contract c
       WHERE c.escrow_account_id IS NOT NULL AND ${RELEASABLE_WHERE('c')}`,
    );
    let instructed = 0;
    for (const a of accounts) {
      const done = await this.dataSource.transaction((em) =>
        this.releaseAccount(em, a.account_id, a.institution_id, now),
      );
      if (done) instructed += 1;
    }
    return { instructed, skipped: accounts.length - instructed };
  }

  private async releaseAccount(
    em: EntityManager,
    accountId: string,
    institutionId: string,
    now: Date,
  ): Promise<boolean> {
    const rows: { id: string; fen: string }[] = await em.query(
      `SELECT c.id, (${CONFIRMED_VALUE_SQL('c')} - c.released_fen)::text AS fen FROM prepaid_contract c
       WHERE c.escrow_account_id = $1 AND ${RELEASABLE_WHERE('c')} ORDER BY c.id FOR UPDATE`,
      [accountId],
    );
    if (rows.length === 0) return false;
    const amountFen = rows.reduce((s, r) => s + BigInt(r.fen), 0n);
    const contractIds = rows.map((r) => r.id);
    const outcome = await this.escrow.requestRelease(em, {
      institutionId,
      amountFen,
      contractIds,
      reason: `一课一消：${contractIds.length} 份合同已确认课时的费用`,
      actor,
    });
    // A frozen account (or one with a FREEZE waiting, or none in use) gets nothing; the money stays releasable.
    if (!outcome.issued || outcome.accountId !== accountId) return false;
    await em.query(
      `UPDATE prepaid_contract c SET released_fen = ${CONFIRMED_VALUE_SQL('c')} WHERE c.id = ANY($1::uuid[])`,
      [contractIds],
    );
    const [release] = (await em.query(
      `INSERT INTO prepaid_release (account_id, institution_id, amount_fen, contract_ids, contract_fens, instruction_id, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'INSTRUCTED', $7) RETURNING id`,
      [accountId, institutionId, amountFen.toString(), contractIds, rows.map((r) => r.fen), outcome.instructionId, now],
    )) as { id: string }[];
    await this.events.publish(em, 'prepaid.release.instructed', {
      releaseId: release.id,
      accountId,
      institutionId,
      amountFen: amountFen.toString(),
      contractIds,
      instructionId: outcome.instructionId,
    });
    await this.audit.record(em, {
      actor,
      action: 'prepaid.release.instructed',
      entityType: 'prepaid_release',
      entityId: release.id,
      summary: { accountId, amount: formatMoney(amountFen), contracts: contractIds.length },
    });
    return true;
  }

  /**
   * The bank posted a RELEASE on an account: it executes the oldest instructed release of that amount;
   * any other release beyond what confirmed lessons have earned (and no instructed release awaits) raises
   * RELEASE_OVER_RELEASABLE. Accounts with no prepaid contract are left to escrow's own rules.
   */
  async onBankRelease(
    em: EntityManager,
    input: { accountId: string; institutionId: string; txnId: string; amountFen: bigint; bookedAt: Date },
  ): Promise<void> {
    const [executed] = (await em.query(
      `UPDATE prepaid_release SET status = 'EXECUTED', executed_at = $3 WHERE id = (
         SELECT id FROM prepaid_release WHERE account_id = $1 AND amount_fen = $2 AND status = 'INSTRUCTED'
         ORDER BY created_at, id LIMIT 1 FOR UPDATE) RETURNING id`,
      [input.accountId, input.amountFen.toString(), input.bookedAt],
    )) as [{ id: string }[], number];
    if (executed.length > 0) {
      const releaseId = executed[0].id;
      await this.events.publish(em, 'prepaid.release.executed', {
        releaseId,
        accountId: input.accountId,
        institutionId: input.institutionId,
        amountFen: input.amountFen.toString(),
        txnId: input.txnId,
      });
      await this.audit.record(em, {
        actor,
        action: 'prepaid.release.executed',
        entityType: 'prepaid_release',
        entityId: releaseId,
        summary: { txnId: input.txnId, amount: formatMoney(input.amountFen) },
      });
      return;
    }
    const [fig] = (await em.query(
      `SELECT count(*)::int AS contracts,
              coalesce(sum(greatest(${CONFIRMED_VALUE_SQL('c')} - c.released_fen, 0)), 0)::text AS releasable,
              (SELECT coalesce(sum(amount_fen), 0)::text FROM prepaid_release r WHERE r.account_id = $1 AND r.status = 'INSTRUCTED') AS instructed
       FROM prepaid_contract c WHERE c.escrow_account_id = $1`,
      [input.accountId],
    )) as { contracts: number; releasable: string; instructed: string }[];
    if (fig.contracts === 0) return;
    const allowed = BigInt(fig.releasable) + BigInt(fig.instructed);
    if (input.amountFen <= allowed) return;
    await this.escrow.raiseAlert(em, {
      institutionId: input.institutionId,
      accountId: input.accountId,
      type: 'RELEASE_OVER_RELEASABLE',
      subjectRef: input.txnId,
      details: {
        txnId: input.txnId,
        release: formatMoney(input.amountFen),
        releasable: formatMoney(BigInt(fig.releasable)),
        instructedNotExecuted: formatMoney(BigInt(fig.instructed)),
        beyond: formatMoney(input.amountFen - allowed),
      },
    });
  }

  /**
   * The bank refused a RELEASE instruction: the release is REFUSED and what it took from each contract is
   * releasable again, so the next release run may instruct it (unless the account is frozen by then).
   */
  async onRefused(em: EntityManager, instructionId: string, note: string | null): Promise<boolean> {
    const [rows] = (await em.query(
      `UPDATE prepaid_release SET status = 'REFUSED', refusal_note = $2 WHERE instruction_id = $1 AND status = 'INSTRUCTED'
       RETURNING id, account_id, institution_id, amount_fen::text AS amount_fen, contract_ids, contract_fens::text[] AS contract_fens`,
      [instructionId, note?.slice(0, 1000) ?? null],
    )) as [
      {
        id: string;
        account_id: string;
        institution_id: string;
        amount_fen: string;
        contract_ids: string[];
        contract_fens: string[];
      }[],
      number,
    ];
    const r = rows[0];
    if (!r) return false;
    await em.query(
      `UPDATE prepaid_contract c SET released_fen = c.released_fen - s.fen
       FROM unnest($1::uuid[], $2::bigint[]) AS s(id, fen) WHERE c.id = s.id`,
      [r.contract_ids, r.contract_fens],
    );
    await this.events.publish(em, 'prepaid.release.refused', {
      releaseId: r.id,
      accountId: r.account_id,
      institutionId: r.institution_id,
      amountFen: r.amount_fen,
      contractIds: r.contract_ids,
      instructionId,
      note,
    });
    await this.audit.record(em, {
      actor,
      action: 'prepaid.release.refused',
      entityType: 'prepaid_release',
      entityId: r.id,
      summary: { instructionId, note, amount: formatMoney(BigInt(r.amount_fen)), contracts: r.contract_ids.length },
    });
    return true;
  }
}
