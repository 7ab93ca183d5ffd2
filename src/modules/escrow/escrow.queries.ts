import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { READ_SCOPE, accountScope } from './escrow.access';
import { AccountFilter, AlertFilter } from './escrow.types';
import { EscrowAccount, EscrowAccountStatus } from './entities/escrow-account.entity';
import { EscrowAlert } from './entities/escrow-alert.entity';
import { EscrowInstruction } from './entities/escrow-instruction.entity';
import { EscrowStatement } from './entities/escrow-statement.entity';
import { EscrowTransaction } from './entities/escrow-transaction.entity';
import { LockedAccount } from './ingest/ingest-results';
import { TxnType } from './rest/bank-items';

/** A statement already stored under a key a batch names. */
export interface StoredStatement {
  account_id: string;
  statement_date: string;
  revision: number;
  opening_fen: string;
  closing_fen: string;
}

/** A transaction already stored under a txnId a batch names, and whether a stored REVERSAL undoes it. */
export interface StoredTransaction {
  txn_id: string;
  account_id: string;
  type: TxnType;
  amount_fen: string;
  balance_effect_fen: string;
  custody_effect_fen: string;
  content_hash: string;
  reversed: boolean;
}

/** The stored side of one deposit's top-up window (see TopUpFlagger). */
export interface TopUpWindow {
  since: Date;
  fen: string;
  /** sum(int) is int8: as text, it can pass 2^31 − 1 (a payer with many deposits of many hours). */
  hours: string;
}

/** A row of the bank REST accounts list (GET /api/bank/v1/accounts). */
export interface BankAccountRow {
  account_no: string;
  institution_id: string;
  status: EscrowAccountStatus;
  opened_on: string;
}

/**
 * The escrow module's reads, in one place. Accounts and alerts: scoped by the principal in SQL, or inside
 * a command's transaction on its `em` (locks). The bank ingest's run inside the batch's transaction (the
 * caller's `em`), set-wise: one statement for the whole batch, whatever its size.
 */
@Injectable()
export class EscrowQueries {
  constructor(private readonly dataSource: DataSource) {}

  // ---- accounts and alerts ----------------------------------------------------------------------

  /** The accounts the principal may read, newest first (the `escrowAccounts` list). */
  accounts(actor: Principal, filter: AccountFilter, page: PageArgs): Promise<Connection<EscrowAccount>> {
    const qb = this.dataSource.getRepository(EscrowAccount).createQueryBuilder('a');
    applyScope(qb, actor, accountScope('a'), READ_SCOPE);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.institutionId) qb.andWhere('a.institution_id = :inst', { inst: filter.institutionId });
    if (filter.bankCode) qb.andWhere('a.bank_code = :bank', { bank: filter.bankCode });
    if (filter.townshipCode) qb.andWhere('a.township_code = :tw', { tw: filter.townshipCode });
    return paginate(qb, page, {
      list: 'escrow.accounts',
      valueType: 'timestamp',
      column: 'a.opened_at',
      value: (a) => a.openedAt,
      tieBreaker: 'a.id',
      tieValue: (a) => a.id,
      direction: 'DESC',
    });
  }

  /** One account, if the principal may read it. */
  account(actor: Principal, id: string): Promise<EscrowAccount | null> {
    const qb = this.dataSource.getRepository(EscrowAccount).createQueryBuilder('a').where('a.id = :id', { id });
    applyScope(qb, actor, accountScope('a'), READ_SCOPE);
    return qb.getOne();
  }

  /** The accounts with these ids the principal may read (the scope of `escrowAccount(id:)`), in one statement. */
  readableAccountsByIds(actor: Principal, ids: readonly string[]): Promise<EscrowAccount[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(EscrowAccount)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids: [...ids] });
    applyScope(qb, actor, accountScope('a'), READ_SCOPE);
    return qb.getMany();
  }

  /**
   * The bank instructions with these ids whose account the principal may read (the account's `instructions`
   * list shows them), in one statement: for the links to an instruction.
   */
  readableInstructionsByIds(actor: Principal, ids: readonly string[]): Promise<EscrowInstruction[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(EscrowInstruction)
      .createQueryBuilder('x')
      .innerJoin(EscrowAccount, 'a', 'a.id = x.account_id')
      .where('x.id IN (:...ids)', { ids: [...ids] });
    applyScope(qb, actor, accountScope('a'), READ_SCOPE);
    return qb.getMany();
  }

  /** The account, locked for the command's transaction (FOR UPDATE). */
  lockAccount(em: EntityManager, id: string): Promise<EscrowAccount | null> {
    return em
      .getRepository(EscrowAccount)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  /** Ids of the account's alerts not yet resolved. */
  async unresolvedAlertIds(em: EntityManager, accountId: string): Promise<string[]> {
    const open: { id: string }[] = await em.query(
      `SELECT id FROM escrow_alert WHERE account_id = $1 AND status <> 'RESOLVED'`,
      [accountId],
    );
    return open.map((o) => o.id);
  }

  /** Whether an instruction to the bank on the account still awaits its answer. */
  hasPendingInstruction(em: EntityManager, accountId: string): Promise<boolean> {
    return em.existsBy(EscrowInstruction, { accountId, status: 'PENDING' });
  }

  /** The closing balance of the account's latest statement (latest date, then revision); null if none. */
  async latestClosingFen(em: EntityManager, accountId: string): Promise<bigint | null> {
    const [latest] = (await em.query(
      `SELECT closing_fen::text AS closing_fen FROM escrow_statement WHERE account_id = $1 ORDER BY statement_date DESC, revision DESC LIMIT 1`,
      [accountId],
    )) as { closing_fen: string }[];
    return latest ? BigInt(latest.closing_fen) : null;
  }

  recentStatements(accountId: string, limit: number): Promise<EscrowStatement[]> {
    return this.dataSource
      .getRepository(EscrowStatement)
      .find({ where: { accountId }, order: { statementDate: 'DESC', revision: 'DESC' }, take: limit });
  }

  recentTransactions(accountId: string, limit: number): Promise<EscrowTransaction[]> {
    return this.dataSource
      .getRepository(EscrowTransaction)
      .find({ where: { accountId }, order: { bookedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  instructions(accountId: string, limit: number): Promise<EscrowInstruction[]> {
    return this.dataSource
      .getRepository(EscrowInstruction)
      .find({ where: { accountId }, order: { issuedAt: 'DESC' }, take: limit });
  }

  /** The alerts the principal may read, newest first (the `escrowAlerts` list). */
  alerts(actor: Principal, filter: AlertFilter, page: PageArgs): Promise<Connection<EscrowAlert>> {
    const qb = this.dataSource.getRepository(EscrowAlert).createQueryBuilder('al');
    applyScope(qb, actor, accountScope('al'), READ_SCOPE);
    if (filter.status) qb.andWhere('al.status = :status', { status: filter.status });
    if (filter.type) qb.andWhere('al.type = :type', { type: filter.type });
    if (filter.townshipCode) qb.andWhere('al.township_code = :tw', { tw: filter.townshipCode });
    if (filter.accountId) qb.andWhere('al.account_id = :acc', { acc: filter.accountId });
    return paginate(qb, page, {
      list: 'escrow.alerts',
      valueType: 'timestamp',
      column: 'al.raised_at',
      value: (a) => a.raisedAt,
      tieBreaker: 'al.id',
      tieValue: (a) => a.id,
      direction: 'DESC',
    });
  }

  /** The alerts with these ids the principal may read (the scope of `alerts`), in one statement. */
  readableAlertsByIds(actor: Principal, ids: readonly string[]): Promise<EscrowAlert[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(EscrowAlert)
      .createQueryBuilder('al')
      .where('al.id IN (:...ids)', { ids: [...ids] });
    applyScope(qb, actor, accountScope('al'), READ_SCOPE);
    return qb.getMany();
  }

  /** Each alert's institution and township, in one statement (unknown ids are left out). */
  alertSubjects(ids: readonly string[]): Promise<{ id: string; institutionId: string; townshipCode: string | null }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(EscrowAlert)
      .find({ where: { id: In([...ids]) }, select: { id: true, institutionId: true, townshipCode: true } });
  }

  /** The alert, if the principal may read it (the scope of `alerts`). */
  alert(actor: Principal, id: string): Promise<EscrowAlert | null> {
    const qb = this.dataSource.getRepository(EscrowAlert).createQueryBuilder('al').where('al.id = :id', { id });
    applyScope(qb, actor, accountScope('al'), READ_SCOPE);
    return qb.getOne();
  }

  /** The alert, if the principal may read it, locked for the command's transaction (FOR UPDATE). */
  lockAlert(em: EntityManager, actor: Principal, id: string): Promise<EscrowAlert | null> {
    const qb = em
      .getRepository(EscrowAlert)
      .createQueryBuilder('al')
      .setLock('pessimistic_write')
      .where('al.id = :id', { id });
    applyScope(qb, actor, accountScope('al'), READ_SCOPE);
    return qb.getOne();
  }

  /** Up to `limit` of the bank's accounts by account number, after `after` when given. */
  bankAccounts(
    bankCode: string,
    q: { status?: EscrowAccountStatus; after?: string; limit: number },
  ): Promise<BankAccountRow[]> {
    const params: unknown[] = [bankCode];
    let where = 'bank_code = $1';
    if (q.status) {
      params.push(q.status);
      where += ` AND status = $${params.length}`;
    }
    if (q.after !== undefined) {
      params.push(q.after);
      where += ` AND account_no > $${params.length}`;
    }
    params.push(q.limit);
    return this.dataSource.query(
      `SELECT account_no, institution_id, status, opened_on::text FROM escrow_account WHERE ${where} ORDER BY account_no LIMIT $${params.length}`,
      params,
    );
  }

  // ---- the bank ingest ----------------------------------------------------------------------------
  /**
   * Locks the calling bank's accounts named in the batch (in id order, so concurrent batches queue instead
   * of deadlocking; FOR NO KEY UPDATE, the lock the account UPDATE takes anyway, which still lets other
   * work insert rows that reference the account). Another bank's account is simply not found.
   */
  async lockBankAccounts(
    em: EntityManager,
    bankCode: string,
    accountNos: string[],
  ): Promise<Map<string, LockedAccount>> {
    if (accountNos.length === 0) return new Map();
    const rows: LockedAccount[] = await em.query(
      `SELECT a.id, a.account_no, a.status, a.institution_id, a.township_code, a.required_custody_fen::text AS required_custody_fen FROM unnest($2::varchar[]) AS k(no) JOIN escrow_account a ON a.bank_code = $1 AND a.account_no = k.no
       ORDER BY a.id FOR NO KEY UPDATE OF a`,
      [bankCode, accountNos],
    );
    return new Map(rows.map((r) => [r.account_no, r]));
  }

  /** The stored statements under the given (account, date, revision) keys. */
  storedStatements(
    em: EntityManager,
    keys: { accountId: string; statementDate: string; revision: number }[],
  ): Promise<StoredStatement[]> {
    return em.query(
      `SELECT s.account_id, s.statement_date::text, s.revision, s.opening_fen, s.closing_fen FROM unnest($1::uuid[], $2::date[], $3::int[]) AS k(a, d, r)
       JOIN escrow_statement s ON s.account_id = k.a AND s.statement_date = k.d AND s.revision = k.r`,
      [keys.map((k) => k.accountId), keys.map((k) => k.statementDate), keys.map((k) => k.revision)],
    );
  }

  /** The bank's stored transactions with these txnIds, with their effects and whether they are reversed. */
  storedTransactions(em: EntityManager, bankCode: string, txnIds: string[]): Promise<StoredTransaction[]> {
    if (txnIds.length === 0) return Promise.resolve([]);
    return em.query(
      `SELECT t.txn_id, t.account_id, t.type, t.amount_fen, t.balance_effect_fen, t.custody_effect_fen, t.content_hash,
              EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id) AS reversed
       FROM unnest($2::varchar[]) AS k(id) JOIN escrow_transaction t ON t.bank_code = $1 AND t.txn_id = k.id`,
      [bankCode, txnIds],
    );
  }

  /** The content hashes of the bank's stored transactions with these txnIds. */
  async contentHashes(em: EntityManager, bankCode: string, txnIds: string[]): Promise<Map<string, string>> {
    if (txnIds.length === 0) return new Map();
    const rows: { txn_id: string; content_hash: string }[] = await em.query(
      `SELECT t.txn_id, t.content_hash FROM unnest($2::varchar[]) AS k(id) JOIN escrow_transaction t ON t.bank_code = $1 AND t.txn_id = k.id`,
      [bankCode, txnIds],
    );
    return new Map(rows.map((r) => [r.txn_id, r.content_hash]));
  }

  /**
   * For each deposit (in order): the start of its window (bookedAt less `months` calendar months in
   * business time) and the sums of the same payer's stored, non-reversed deposits on the account booked in
   * (since, bookedAt], leaving out those the batch reverses. Served by the partial index on (account,
   * payer, booked_at).
   */
  topUpWindows(
    em: EntityManager,
    q: {
      deposits: { accountId: string; payerRef: string; bookedAt: Date }[];
      months: number;
      timeZone: string;
      reversedHere: string[];
    },
  ): Promise<TopUpWindow[]> {
    return em.query(
      `SELECT s.since, COALESCE(w.fen, 0)::text AS fen, COALESCE(w.hours, 0)::text AS hours
       FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[]) WITH ORDINALITY AS x(a, p, b, i)
       CROSS JOIN LATERAL (SELECT ((x.b AT TIME ZONE $5) - make_interval(months => $4)) AT TIME ZONE $5 AS since) s
       LEFT JOIN LATERAL (
         SELECT sum(t.amount_fen) AS fen, sum(t.lesson_hours) AS hours FROM escrow_transaction t
         WHERE t.account_id = x.a AND t.type = 'DEPOSIT' AND t.payer_ref = x.p AND t.booked_at > s.since AND t.booked_at <= x.b
           AND t.txn_id <> ALL($6::varchar[])
           AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id)) w ON true
       ORDER BY x.i`,
      [
        q.deposits.map((d) => d.accountId),
        q.deposits.map((d) => d.payerRef),
        q.deposits.map((d) => d.bookedAt.toISOString()),
        q.months,
        q.timeZone,
        q.reversedHere,
      ],
    );
  }
}
