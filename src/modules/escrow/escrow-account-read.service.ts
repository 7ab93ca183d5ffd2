import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BankPrincipal, Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { inScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { Connection, CursorSpec, PageArgs, decodeCursor, encodeCursor } from '../../platform/graphql/pagination';
import { UUID } from '../../platform/ids/uuid';
import { InstitutionSummary, RegistryFacade } from '../registry';
import { READ_SCOPE, assertReader } from './escrow.access';
import { accountNotFound, alertNotFound } from './escrow.errors';
import { EscrowQueries } from './escrow.queries';
import { AccountFilter, AlertFilter, BankAccountView, Coverage, CoverageRow } from './escrow.types';
import { EscrowAccount, EscrowAccountStatus } from './entities/escrow-account.entity';
import { EscrowAlert } from './entities/escrow-alert.entity';
import { EscrowInstruction } from './entities/escrow-instruction.entity';
import { EscrowStatement } from './entities/escrow-statement.entity';
import { EscrowTransaction } from './entities/escrow-transaction.entity';
import { coveredInstitutions } from './risk-reserve.service';

/** Reading escrow accounts (监管账户) and their alerts, the coverage figures, and the bank's own account list. */
@Injectable()
export class EscrowAccountReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EscrowQueries,
    private readonly registry: RegistryFacade,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(actor: Principal, filter: AccountFilter, page: PageArgs): Promise<Connection<EscrowAccount>> {
    assertReader(actor);
    return this.queries.accounts(actor, filter, page);
  }

  async get(actor: Principal, id: string): Promise<EscrowAccount> {
    assertReader(actor);
    if (!UUID.test(id)) throw accountNotFound(id);
    const account = await this.queries.account(actor, id);
    if (!account) throw accountNotFound(id);
    return account;
  }

  /** Field resolvers re-check the parent against the caller's scope. */
  visible(actor: Principal, account: EscrowAccount): boolean {
    return inScope(actor, { township: account.townshipCode }, READ_SCOPE);
  }

  recentStatements(accountId: string, limit: number): Promise<EscrowStatement[]> {
    return this.queries.recentStatements(accountId, limit);
  }

  recentTransactions(accountId: string, limit: number): Promise<EscrowTransaction[]> {
    return this.queries.recentTransactions(accountId, limit);
  }

  instructions(accountId: string, limit: number): Promise<EscrowInstruction[]> {
    return this.queries.instructions(accountId, limit);
  }

  institutions(ids: readonly string[]): Promise<InstitutionSummary[]> {
    return this.registry.getInstitutions(ids);
  }

  listAlerts(actor: Principal, filter: AlertFilter, page: PageArgs): Promise<Connection<EscrowAlert>> {
    assertReader(actor);
    return this.queries.alerts(actor, filter, page);
  }

  /** One alert in the scope of `listAlerts`; any other is ALERT_NOT_FOUND. */
  async getAlert(actor: Principal, id: string): Promise<EscrowAlert> {
    assertReader(actor);
    const alert = await this.queries.alert(actor, id);
    if (!alert) throw alertNotFound(id);
    return alert;
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
    const rows = await this.queries.bankAccounts(actor.bankCode, {
      status: query.status,
      after: query.cursor ? decodeBankCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
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

function decodeBankCursor(cursor: string): string {
  const [after] = decodeCursor(BANK_ACCOUNTS_CURSOR, cursor, 'cursor');
  return after as string;
}
