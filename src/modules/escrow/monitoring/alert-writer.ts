import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventPublisher } from '../../../platform/events';
import { EscrowAlertPayload } from '../../../platform/events/catalogue';
import { EscrowMetrics } from '../escrow.metrics';
import { AlertType } from './rules';

/**
 * An alert to raise: against an account, or (NO_ESCROW_ACCOUNT; REFUND_OVERDUE and DEPOSIT_UNMATCHED when
 * there is no account in use) against an institution. subjectRef (the refund, the deposit) keeps one open
 * alert per subject rather than per account and type.
 */
export interface AlertDraft {
  type: AlertType;
  subjectRef?: string | null;
  accountId: string | null;
  accountNo: string | null;
  bankCode: string | null;
  institutionId: string;
  townshipCode: string | null;
  details: Record<string, unknown>;
}

interface AlertRow {
  id: string;
  account_id: string | null;
  account_no: string | null;
  institution_id: string;
  bank_code: string | null;
  type: AlertType;
  details: Record<string, unknown>;
}

const payload = (r: AlertRow): EscrowAlertPayload => ({
  alertId: r.id,
  accountId: r.account_id,
  accountNo: r.account_no,
  institutionId: r.institution_id,
  bankCode: r.bank_code,
  type: r.type,
  details: r.details,
});

/**
 * Raises and resolves alerts set-wise inside the caller's transaction: one INSERT … ON CONFLICT DO
 * NOTHING for the new ones (the partial unique indexes keep one open per account or institution and
 * type), one UPDATE for the resolved ones, and their events through the outbox in the same transaction.
 */
@Injectable()
export class AlertWriter {
  constructor(
    private readonly events: EventPublisher,
    private readonly metrics: EscrowMetrics,
  ) {}

  /** The institution is now covered (an account opened, a risk reserve registered): its open NO_ESCROW_ACCOUNT alert resolves. */
  async resolveNoAccount(em: EntityManager, now: Date, institutionId: string): Promise<void> {
    const open: { id: string }[] = await em.query(
      `SELECT id FROM escrow_alert WHERE institution_id = $1 AND type = 'NO_ESCROW_ACCOUNT' AND account_id IS NULL AND status <> 'RESOLVED'`,
      [institutionId],
    );
    await this.apply(
      em,
      now,
      [],
      open.map((o) => o.id),
    );
  }

  async apply(
    em: EntityManager,
    now: Date,
    raise: AlertDraft[],
    resolveIds: string[],
  ): Promise<{ raised: number; resolved: number }> {
    const published: { name: 'escrow.alert.raised' | 'escrow.alert.resolved'; payload: EscrowAlertPayload }[] = [];
    const forAccounts = raise.filter((d) => d.accountId !== null);
    const forInstitutions = raise.filter((d) => d.accountId === null);
    const insert = async (drafts: AlertDraft[], conflict: string) => {
      if (drafts.length === 0) return;
      const rows: AlertRow[] = await em.query(
        `INSERT INTO escrow_alert (account_id, institution_id, bank_code, account_no, township_code, type, status, details, raised_at, subject_ref)
         SELECT a, i, b, n, t, ty, 'OPEN', d, $8, s FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::jsonb[], $9::varchar[]) AS x(a, i, b, n, t, ty, d, s)
         ON CONFLICT ${conflict} DO NOTHING
         RETURNING id, account_id, account_no, institution_id, bank_code, type, details`,
        [
          drafts.map((d) => d.accountId),
          drafts.map((d) => d.institutionId),
          drafts.map((d) => d.bankCode),
          drafts.map((d) => d.accountNo),
          drafts.map((d) => d.townshipCode),
          drafts.map((d) => d.type),
          drafts.map((d) => JSON.stringify(d.details)),
          now,
          drafts.map((d) => d.subjectRef ?? null),
        ],
      );
      for (const r of rows) published.push({ name: 'escrow.alert.raised', payload: payload(r) });
    };
    await insert(
      forAccounts,
      `(account_id, type, (coalesce(subject_ref, ''))) WHERE status <> 'RESOLVED' AND account_id IS NOT NULL`,
    );
    await insert(
      forInstitutions,
      `(institution_id, type, (coalesce(subject_ref, ''))) WHERE status <> 'RESOLVED' AND account_id IS NULL`,
    );
    if (resolveIds.length > 0) {
      const [rows] = (await em.query(
        `UPDATE escrow_alert SET status = 'RESOLVED', resolved_at = $2 WHERE id = ANY($1::uuid[]) AND status <> 'RESOLVED'
         RETURNING id, account_id, account_no, institution_id, bank_code, type, details`,
        [resolveIds, now],
      )) as [AlertRow[], number];
      for (const r of rows) published.push({ name: 'escrow.alert.resolved', payload: payload(r) });
    }
    await this.events.publishMany(em, published);
    // Counted when written: a transaction that then rolls back (rare: the ingest and checks fail only on errors) counts them anyway.
    this.metrics.alertsRaised(
      published.flatMap((p) => (p.name === 'escrow.alert.raised' ? [p.payload.type as AlertType] : [])),
    );
    return {
      raised: published.filter((p) => p.name === 'escrow.alert.raised').length,
      resolved: published.filter((p) => p.name === 'escrow.alert.resolved').length,
    };
  }
}
