import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { BankPrincipal, Principal, actorName, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { applyScope, inScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { formatMoney } from '../../platform/database/money';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import {
  Connection,
  CursorSpec,
  PageArgs,
  decodeCursor,
  encodeCursor,
  paginate,
} from '../../platform/graphql/pagination';
import { bankNotFound } from '../identity';
import { InstitutionSummary, RegistryFacade, institutionNotFound } from '../registry';
import { READ_SCOPE, accountScope, assertManager, assertReader } from './escrow.access';
import {
  accountClosed,
  accountExists,
  accountFrozen,
  accountNotFound,
  alertNotFound,
  alertResolved,
  custodyOutstanding,
  institutionNotOperating,
  instructionPending,
} from './escrow.errors';
import { EscrowAccount, EscrowAccountStatus } from './entities/escrow-account.entity';
import { AlertStatus, EscrowAlert } from './entities/escrow-alert.entity';
import { EscrowInstruction } from './entities/escrow-instruction.entity';
import { EscrowStatement } from './entities/escrow-statement.entity';
import { EscrowTransaction } from './entities/escrow-transaction.entity';
import { AlertWriter } from './monitoring/alert-writer';
import { AlertType } from './monitoring/rules';
import { ACCOUNT_NO_PATTERN } from './rest/bank-items';
import { coveredInstitutions } from './risk-reserve.service';
import { UUID } from '../../platform/ids/uuid';

export interface AccountFilter {
  status?: EscrowAccountStatus;
  institutionId?: string;
  bankCode?: string;
  townshipCode?: string;
}

export interface AlertFilter {
  status?: AlertStatus;
  type?: AlertType;
  townshipCode?: string;
  accountId?: string;
}

export interface CoverageRow {
  key: string;
  operating: number;
  covered: number;
}

export interface Coverage {
  operating: number;
  /** Covered by either route: an escrow account in use or a risk reserve valid today. */
  covered: number;
  /** Of those, with an escrow account in use / with a valid risk reserve (an institution with both counts in each). */
  coveredByAccount: number;
  coveredByRiskReserve: number;
  byTownship: CoverageRow[];
  byCategory: CoverageRow[];
}

export interface BankAccountView {
  accountNo: string;
  institutionId: string;
  institutionName: string | null;
  creditCode: string | null;
  status: EscrowAccountStatus;
  openedOn: string;
}

/** Escrow accounts (监管账户), their alerts and the coverage figures: commands and queries. */
@Injectable()
export class EscrowAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryFacade,
    private readonly writer: AlertWriter,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    actor: Principal,
    input: { institutionId: string; bankCode: string; accountNo: string },
  ): Promise<EscrowAccount> {
    assertManager(actor);
    const accountNo = input.accountNo.trim();
    if (!ACCOUNT_NO_PATTERN.test(accountNo))
      throw new ValidationFailed([{ path: 'accountNo', message: 'must be 1–34 characters 0-9, A-Z, a-z or -' }]);
    const institution = await this.registry.findInstitution({ id: input.institutionId });
    if (!institution) throw institutionNotFound(input.institutionId);
    if (institution.status !== 'OPERATING' && institution.status !== 'APPROVED')
      throw institutionNotOperating(institution.status);
    const now = this.clock.now();
    try {
      return await this.dataSource.transaction(async (em) => {
        const account = await em.save(
          em.create(EscrowAccount, {
            institutionId: institution.id,
            bankCode: input.bankCode,
            accountNo,
            status: 'ACTIVE',
            townshipCode: institution.townshipCode,
            institutionCategory: institution.category,
            openedOn: businessDate(now, this.config.timeZone),
            requiredCustodyFen: 0n,
            lastStatementDate: null,
            openedAt: now,
            closedAt: null,
            updatedAt: now,
          }),
        );
        await this.writer.resolveNoAccount(em, now, institution.id);
        await this.events.publish(em, 'escrow.account.opened', accountPayload(account));
        await this.audit.record(em, {
          actor,
          action: 'escrow.account.opened',
          entityType: 'escrow_account',
          entityId: account.id,
          summary: { institutionId: institution.id, bankCode: input.bankCode, accountNo },
        });
        return account;
      });
    } catch (error) {
      const code =
        (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
        (error as { code?: string }).code;
      if (code === '23505') throw accountExists();
      if (code === '23503') throw bankNotFound(input.bankCode);
      throw error;
    }
  }

  async close(actor: Principal, id: string, reason: string): Promise<EscrowAccount> {
    assertManager(actor);
    if (!UUID.test(id)) throw accountNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const account = await em
        .getRepository(EscrowAccount)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id })
        .getOne();
      if (!account) throw accountNotFound(id);
      if (account.status === 'CLOSED') throw accountClosed();
      await this.assertClosable(em, account);
      const now = this.clock.now();
      account.status = 'CLOSED';
      account.closedAt = now;
      account.updatedAt = now;
      await em.save(account);
      const open: { id: string }[] = await em.query(
        `SELECT id FROM escrow_alert WHERE account_id = $1 AND status <> 'RESOLVED'`,
        [id],
      );
      await this.writer.apply(
        em,
        now,
        [],
        open.map((o) => o.id),
      );
      await this.events.publish(em, 'escrow.account.closed', accountPayload(account));
      await this.audit.record(em, {
        actor,
        action: 'escrow.account.closed',
        entityType: 'escrow_account',
        entityId: id,
        summary: { reason },
      });
      return account;
    });
  }

  /**
   * Closing ends supervision (a closed account takes no statements, transactions or instructions) and
   * resolves the account's alerts, so it is refused while the account is still under a supervisory
   * measure or still holds money. Runs on the locked row inside the closing transaction, before any write.
   */
  private async assertClosable(em: EntityManager, account: EscrowAccount): Promise<void> {
    // A frozen account (e.g. the institution was black-listed) is unfrozen first through an UNFREEZE
    // instruction the bank executes; closing it would let the frozen money out of supervision.
    if (account.status === 'FROZEN') throw accountFrozen();
    // A FREEZE (or UNFREEZE) the bank has not acknowledged yet: the bank would act on an account the
    // service no longer supervises. The account is closable once the bank answers.
    if (await em.existsBy(EscrowInstruction, { accountId: account.id, status: 'PENDING' })) throw instructionPending();
    // Both figures block, each for its own reason:
    // - required custody > 0: prepaid fees of families not yet consumed or refunded are still owed to them;
    //   closing would also resolve an open SHORTFALL alert and hide that the money is missing.
    // - latest reported balance > 0 (even with custody <= 0): money still sits in the supervised account.
    //   Once closed, the bank can report neither a statement nor a transaction for it, so whatever is paid
    //   out on closure (to the institution, or deposits the ledger never saw) would leave unrecorded. The
    //   bank releases it as a reported RELEASE and posts a statement closing at 0.00 first.
    // An account that never had a statement has no reported balance; required custody alone decides.
    if (account.requiredCustodyFen > 0n)
      throw custodyOutstanding('required custody', formatMoney(account.requiredCustodyFen));
    const [latest] = (await em.query(
      `SELECT closing_fen::text AS closing_fen FROM escrow_statement WHERE account_id = $1 ORDER BY statement_date DESC, revision DESC LIMIT 1`,
      [account.id],
    )) as { closing_fen: string }[];
    if (latest && BigInt(latest.closing_fen) > 0n)
      throw custodyOutstanding('latest reported balance', formatMoney(BigInt(latest.closing_fen)));
  }

  list(actor: Principal, filter: AccountFilter, page: PageArgs): Promise<Connection<EscrowAccount>> {
    assertReader(actor);
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

  async get(actor: Principal, id: string): Promise<EscrowAccount> {
    assertReader(actor);
    if (!UUID.test(id)) throw accountNotFound(id);
    const qb = this.dataSource.getRepository(EscrowAccount).createQueryBuilder('a').where('a.id = :id', { id });
    applyScope(qb, actor, accountScope('a'), READ_SCOPE);
    const account = await qb.getOne();
    if (!account) throw accountNotFound(id);
    return account;
  }

  /** Field resolvers re-check the parent against the caller's scope. */
  visible(actor: Principal, account: EscrowAccount): boolean {
    return inScope(actor, { township: account.townshipCode }, READ_SCOPE);
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

  institutions(ids: readonly string[]): Promise<InstitutionSummary[]> {
    return this.registry.getInstitutions(ids);
  }

  listAlerts(actor: Principal, filter: AlertFilter, page: PageArgs): Promise<Connection<EscrowAlert>> {
    assertReader(actor);
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

  async acknowledgeAlert(actor: Principal, id: string, note: string | null): Promise<EscrowAlert> {
    assertManager(actor);
    if (!UUID.test(id)) throw alertNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const qb = em
        .getRepository(EscrowAlert)
        .createQueryBuilder('al')
        .setLock('pessimistic_write')
        .where('al.id = :id', { id });
      applyScope(qb, actor, accountScope('al'), READ_SCOPE);
      const alert = await qb.getOne();
      if (!alert) throw alertNotFound(id);
      if (alert.status === 'RESOLVED') throw alertResolved();
      alert.status = 'ACKNOWLEDGED';
      alert.acknowledgedAt = this.clock.now();
      alert.acknowledgedBy = actorName(actor);
      alert.acknowledgeNote = note;
      await em.save(alert);
      await this.audit.record(em, {
        actor,
        action: 'escrow.alert.acknowledged',
        entityType: 'escrow_alert',
        entityId: id,
        summary: { type: alert.type, note },
      });
      return alert;
    });
  }

  /** 资金监管全覆盖: operating institutions with an account in use or a valid risk reserve, of all operating ones, by township and category. */
  async coverage(actor: Principal): Promise<Coverage> {
    assertReader(actor);
    const ids = await this.registry.listOperatingInstitutionIds();
    const summaries = await this.registry.getInstitutions(ids);
    const routes = await coveredInstitutions(
      this.dataSource,
      ids,
      businessDate(this.clock.now(), this.config.timeZone),
    );
    const covered = new Set(routes.keys());
    const township = hasRole(actor, Role.TOWNSHIP_OFFICER) ? actor.townshipCode : undefined;
    const visible = township ? summaries.filter((s) => s.townshipCode === township) : summaries;
    const group = (keyOf: (s: InstitutionSummary) => string): CoverageRow[] => {
      const rows = new Map<string, CoverageRow>();
      for (const s of visible) {
        const key = keyOf(s);
        const row = rows.get(key) ?? { key, operating: 0, covered: 0 };
        row.operating++;
        if (covered.has(s.id)) row.covered++;
        rows.set(key, row);
      }
      return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
    };
    return {
      operating: visible.length,
      covered: visible.filter((s) => covered.has(s.id)).length,
      coveredByAccount: visible.filter((s) => routes.get(s.id)?.account).length,
      coveredByRiskReserve: visible.filter((s) => routes.get(s.id)?.reserve).length,
      byTownship: group((s) => s.townshipCode),
      byCategory: group((s) => s.category),
    };
  }

  /** The calling bank's accounts (GET /api/bank/v1/accounts), ordered by account number. */
  async listForBank(
    actor: BankPrincipal,
    query: { status?: EscrowAccountStatus; cursor?: string; limit?: number },
  ): Promise<{ accounts: BankAccountView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    const params: unknown[] = [actor.bankCode];
    let where = 'bank_code = $1';
    if (query.status) {
      params.push(query.status);
      where += ` AND status = $${params.length}`;
    }
    if (query.cursor) {
      const [after] = decodeBankCursor(query.cursor);
      params.push(after);
      where += ` AND account_no > $${params.length}`;
    }
    params.push(limit + 1);
    const rows: { account_no: string; institution_id: string; status: EscrowAccountStatus; opened_on: string }[] =
      await this.dataSource.query(
        `SELECT account_no, institution_id, status, opened_on::text FROM escrow_account WHERE ${where} ORDER BY account_no LIMIT $${params.length}`,
        params,
      );
    const page = rows.slice(0, limit);
    const institutions = new Map(
      (await this.registry.getInstitutions(page.map((r) => r.institution_id))).map((i) => [i.id, i]),
    );
    return {
      accounts: page.map((r) => ({
        accountNo: r.account_no,
        institutionId: r.institution_id,
        institutionName: institutions.get(r.institution_id)?.name ?? null,
        creditCode: institutions.get(r.institution_id)?.creditCode ?? null,
        status: r.status,
        openedOn: r.opened_on,
      })),
      nextCursor: rows.length > limit ? encodeCursor(BANK_ACCOUNTS_CURSOR, [page.at(-1)?.account_no]) : null,
    };
  }
}

/** Cursor identity of the bank REST accounts list (GET /api/bank/v1/accounts), by account number. */
const BANK_ACCOUNTS_CURSOR: CursorSpec = {
  list: 'bank.accounts',
  order: 'account_no',
  direction: 'ASC',
  types: ['string'],
};

function decodeBankCursor(cursor: string): [string] {
  const [after] = decodeCursor(BANK_ACCOUNTS_CURSOR, cursor, 'cursor');
  return [after as string];
}

export function accountPayload(a: EscrowAccount) {
  return {
    accountId: a.id,
    accountNo: a.accountNo,
    institutionId: a.institutionId,
    bankCode: a.bankCode,
    status: a.status,
  };
}
