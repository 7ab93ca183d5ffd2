import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { READ_SCOPE } from './escrow.access';
import { EscrowAccount } from './entities/escrow-account.entity';
import { EscrowAlert } from './entities/escrow-alert.entity';

/**
 * Escrow facts for lists of institutions and accounts (the front end's institution list): batch reads
 * for DataLoaders, one query per kind of fact and page, whatever the page size.
 */
@Injectable()
export class InstitutionEscrowService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each institution's current account (the one not closed, else the latest opened; null: none), with
   * that account's latest statement read in the same statement (the list shows both).
   */
  async currentAccounts(institutionIds: readonly string[]): Promise<(CurrentAccount | null)[]> {
    const { entities, raw } = await this.dataSource
      .getRepository(EscrowAccount)
      .createQueryBuilder('a')
      .addSelect(
        `(SELECT s.statement_date::text || ' ' || s.closing_fen::text FROM escrow_statement s WHERE s.account_id = a.id ORDER BY s.statement_date DESC, s.revision DESC LIMIT 1)`,
        'latest_statement',
      )
      .where('a.institution_id IN (:...ids)', { ids: [...new Set(institutionIds)] })
      .getRawAndEntities<{ latest_statement: string | null }>();
    const latest = new Map(
      entities.map((a, i) => {
        const [date, fen] = raw[i]?.latest_statement?.split(' ') ?? [];
        return [a.id, date && fen ? { statementDate: date, closingFen: BigInt(fen) } : null] as const;
      }),
    );
    const rank = (a: EscrowAccount) => [a.status === 'CLOSED' ? 0 : 1, a.openedAt.getTime()] as const;
    const best = new Map<string, EscrowAccount>();
    for (const a of entities) {
      const held = best.get(a.institutionId);
      const [open, opened] = rank(a);
      if (!held || open > rank(held)[0] || (open === rank(held)[0] && opened > rank(held)[1]))
        best.set(a.institutionId, a);
    }
    return institutionIds.map((id) => {
      const account = best.get(id);
      return account ? { account, latestStatement: latest.get(account.id) ?? null } : null;
    });
  }

  /**
   * Each institution's ACTIVE escrow account with its bank's name (null: none active — frozen or closed
   * accounts take no payments): the payment account the public profile shows (资金监管账户公示).
   */
  async activePaymentAccounts(institutionIds: readonly string[]): Promise<(PublicPaymentAccount | null)[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (a.institution_id) a.institution_id AS id, a.account_no, b.name AS bank_name
       FROM escrow_account a JOIN partner_bank b ON b.code = a.bank_code
       WHERE a.institution_id = ANY($1::uuid[]) AND a.status = 'ACTIVE'
       ORDER BY a.institution_id, a.opened_at DESC`,
      [[...new Set(institutionIds)]],
    )) as { id: string; account_no: string; bank_name: string }[];
    const found = new Map(rows.map((r) => [r.id, { bankName: r.bank_name, accountNo: r.account_no }]));
    return institutionIds.map((id) => found.get(id) ?? null);
  }

  /** Alerts not yet resolved (open or acknowledged), per institution, among those the caller may read (by the alert's township). */
  async openAlertCounts(actor: Principal, institutionIds: readonly string[]): Promise<number[]> {
    const qb = this.dataSource
      .getRepository(EscrowAlert)
      .createQueryBuilder('al')
      .select('al.institution_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('al.institution_id IN (:...ids)', { ids: [...new Set(institutionIds)] })
      .andWhere(`al.status <> 'RESOLVED'`)
      .groupBy('al.institution_id');
    const rows = await applyScope(qb, actor, { township: 'al.township_code' }, READ_SCOPE).getRawMany<{
      id: string;
      n: number;
    }>();
    const counts = new Map(rows.map((r) => [r.id, r.n]));
    return institutionIds.map((id) => counts.get(id) ?? 0);
  }

  /** Each account's latest statement (latest date, highest revision): its closing balance in fen; null: none yet. */
  async latestStatements(accountIds: readonly string[]): Promise<(LatestStatement | null)[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (account_id) account_id AS id, statement_date::text AS date, closing_fen::text AS fen FROM escrow_statement
       WHERE account_id = ANY($1::uuid[]) ORDER BY account_id, statement_date DESC, revision DESC`,
      [[...new Set(accountIds)]],
    )) as { id: string; date: string; fen: string }[];
    const latest = new Map(rows.map((r) => [r.id, { statementDate: r.date, closingFen: BigInt(r.fen) }]));
    return accountIds.map((id) => latest.get(id) ?? null);
  }
}

export interface PublicPaymentAccount {
  bankName: string;
  accountNo: string;
}

export interface LatestStatement {
  statementDate: string;
  closingFen: bigint;
}

export interface CurrentAccount {
  account: EscrowAccount;
  latestStatement: LatestStatement | null;
}
