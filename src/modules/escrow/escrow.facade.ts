import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Principal, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Loaders, loadLink, loadLinks } from '../../platform/graphql/loaders';
import { UUID } from '../../platform/ids/uuid';
import { READER_ROLES } from './escrow.access';
import { EscrowQueries } from './escrow.queries';
import { formatMoney } from '../../platform/database/money';
import { BankInstructionObject, EscrowAlertObject } from './graphql/escrow.objects';
import { AccountNode, accountObject } from './graphql/escrow.resolver';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { EscrowAccountReadService } from './escrow-account-read.service';
import { Coverage } from './escrow.types';
import { EscrowInstructionService, FreezeRequestOutcome } from './escrow-instruction.service';
import { AlertType } from './monitoring/rules';
import { EscrowPaymentService, RefundRequestOutcome, ReleaseRequestOutcome } from './escrow-payment.service';
import { PrepaidAlertInput, PrepaidAlerts } from './monitoring/prepaid-alerts';
import { PrepaidAlertType } from './monitoring/rules';
import { coverageCounts } from './risk-reserve.service';

/** The routes by which an institution may take prepaid fees on a business date (资金监管). */
export interface PaymentRoutes {
  /** The account in use (not CLOSED), if any; a FROZEN account is in use but receives no release. */
  account: { id: string; status: 'ACTIVE' | 'FROZEN'; bankCode: string; townshipCode: string | null } | null;
  /** An ACTIVE risk reserve (风险保证金) valid on the date. */
  riskReserveValid: boolean;
}

export interface EscrowDashboardFigures {
  /** Covered by either route: an escrow account in use or a risk reserve (风险保证金) valid today. */
  coveredInstitutions: number;
  /** Per route (an institution holding both counts in each). */
  coveredByAccount: number;
  coveredByRiskReserve: number;
  totalCustodyFen: bigint;
  openAlertsByType: { type: AlertType; count: number }[];
}

/**
 * Escrow as other modules see it: the credit module's black-list entry asks for a freeze inside its own
 * transaction; the prepaid module asks for releases and refunds and raises its alerts; the dashboard reads
 * coverage.
 */
@Injectable()
export class EscrowFacade {
  constructor(
    private readonly instructions: EscrowInstructionService,
    private readonly accounts: EscrowAccountReadService,
    private readonly payments: EscrowPaymentService,
    private readonly prepaidAlerts: PrepaidAlerts,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: EscrowQueries,
  ) {}

  /**
   * The link from a record to its escrow account (`EscrowAlert.account`, `PrepaidRelease.account`, …): the
   * `EscrowAccount` that `escrowAccount(id:)` gives the caller, else null (out of scope, or a role that reads
   * no accounts). One per-request loader, one scoped statement per page.
   */
  accountLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<AccountNode | null> {
    return loadLink(loaders, 'escrow.account-link', id, async (ids) => {
      if (!hasRole(actor, ...READER_ROLES)) return [];
      return (
        await this.queries.readableAccountsByIds(
          actor,
          ids.filter((i) => UUID.test(i)),
        )
      ).map(accountObject);
    });
  }

  /**
   * The link to a bank instruction (`PrepaidRefund.instruction`, `PrepaidRelease.instruction`): the
   * `BankInstruction` as its account's `instructions` list shows it, when the caller may read that account,
   * else null. One per-request loader, one scoped statement per page.
   */
  instructionLink(
    loaders: Loaders,
    actor: Principal,
    id: string | null | undefined,
  ): Promise<BankInstructionObject | null> {
    return loadLink(loaders, 'escrow.instruction-link', id, async (ids) => {
      if (!hasRole(actor, ...READER_ROLES)) return [];
      const rows = await this.queries.readableInstructionsByIds(
        actor,
        ids.filter((i) => UUID.test(i)),
      );
      return rows.map((i) => ({ ...i, amount: i.amountFen === null ? null : formatMoney(i.amountFen) }));
    });
  }

  /**
   * The list-of-ids link to alerts (`PenaltyDecision.alerts`): the `EscrowAlert`s as the `escrowAlerts` list gives
   * them to the caller, in order; the others are left out. One per-request loader, one scoped statement per page.
   */
  alertLinks(loaders: Loaders, actor: Principal, ids: readonly string[]): Promise<EscrowAlertObject[]> {
    return loadLinks(loaders, 'escrow.alert-link', ids, async (batch) => {
      if (!hasRole(actor, ...READER_ROLES)) return [];
      return (
        await this.queries.readableAlertsByIds(
          actor,
          batch.filter((i) => UUID.test(i)),
        )
      ).map((a): EscrowAlertObject => ({ ...a }));
    });
  }

  /**
   * What another module checks of alerts it cites (enforcement's penalty decisions): each one's institution
   * and township; unknown or malformed ids are left out. No principal: the caller scopes its own record.
   */
  alertSubjects(ids: readonly string[]): Promise<{ id: string; institutionId: string; townshipCode: string | null }[]> {
    return this.queries.alertSubjects([...new Set(ids)].filter((i) => UUID.test(i)));
  }

  /**
   * Issues a FREEZE instruction for the institution's account in use, in the caller's transaction.
   * No account, an account already frozen or an instruction still pending: nothing is issued, and the
   * answer says why.
   */
  requestFreeze(
    em: EntityManager,
    input: { institutionId: string; reason: string; actor: Principal },
  ): Promise<FreezeRequestOutcome> {
    return this.instructions.requestFreeze(em, input);
  }

  /**
   * Issues a RELEASE instruction (一课一消: money earned by confirmed lessons, to the institution) for the
   * institution's account in use, in the caller's transaction. No account, a frozen account or a FREEZE
   * waiting for the bank: nothing is issued, and the answer says why. Amount and contracts are checked
   * (VALIDATION_FAILED for a caller's bug).
   */
  requestRelease(
    em: EntityManager,
    input: { institutionId: string; amountFen: bigint; contractIds: string[]; reason: string; actor: Principal },
  ): Promise<ReleaseRequestOutcome> {
    return this.payments.requestRelease(em, input);
  }

  /**
   * Issues a REFUND instruction (the unconsumed value of a contract, back to the payer the bank reported as
   * payeeRef) for the institution's account in use, frozen or not, in the caller's transaction. No account
   * in use: nothing is issued (NO_ACCOUNT).
   */
  requestRefund(
    em: EntityManager,
    input: {
      institutionId: string;
      amountFen: bigint;
      contractId: string;
      payeeRef: string;
      reason: string;
      actor: Principal;
    },
  ): Promise<RefundRequestOutcome> {
    return this.payments.requestRefund(em, input);
  }

  /**
   * Raises a prepaid alert (RELEASE_OVER_RELEASABLE, DEPOSIT_UNMATCHED, REFUND_OVERDUE) in the caller's
   * transaction through the escrow alert writer: escrow.alert.raised follows, and supervision opens its
   * follow-up task from it. One open alert per subject (subjectRef) and type; a second raise is a no-op.
   */
  raiseAlert(em: EntityManager, input: PrepaidAlertInput): Promise<{ raised: boolean }> {
    return this.prepaidAlerts.raise(em, input);
  }

  /** Resolves the open prepaid alert of that type about that subject (a refund executed, a deposit matched late). */
  resolveAlert(
    em: EntityManager,
    input: { institutionId: string; type: PrepaidAlertType; subjectRef: string | null },
  ): Promise<{ resolved: boolean }> {
    return this.prepaidAlerts.resolve(em, input);
  }

  /**
   * The institution's escrow account in use and whether a risk reserve covers it on the business date
   * (default today): one statement over ux_escrow_account_institution_open and
   * ux_escrow_risk_reserve_institution_active. Prepaid contracts name one of these routes.
   */
  async paymentRoutes(institutionId: string, onDate?: string): Promise<PaymentRoutes> {
    const today = onDate ?? businessDate(this.clock.now(), this.config.timeZone);
    const [row] = (await this.dataSource.query(
      `SELECT a.id, a.status, a.bank_code, a.township_code,
              EXISTS (SELECT 1 FROM escrow_risk_reserve r WHERE r.institution_id = $1 AND r.status = 'ACTIVE'
                      AND (r.valid_until IS NULL OR r.valid_until >= $2::date)) AS reserve
       FROM (SELECT 1) AS one
       LEFT JOIN escrow_account a ON a.institution_id = $1 AND a.status <> 'CLOSED'`,
      [institutionId, today],
    )) as {
      id: string | null;
      status: 'ACTIVE' | 'FROZEN';
      bank_code: string;
      township_code: string | null;
      reserve: boolean;
    }[];
    return {
      account: row?.id
        ? { id: row.id, status: row.status, bankCode: row.bank_code, townshipCode: row.township_code }
        : null,
      riskReserveValid: row?.reserve ?? false,
    };
  }

  /**
   * Dashboard figures, index-backed aggregates: how many of the given (operating) institutions are covered,
   * by an account in use (ux_escrow_account_institution_open) or a risk reserve valid today
   * (ux_escrow_risk_reserve_institution_active), the required custody of the accounts in use
   * (县 or one township) in fen, and the alerts not yet resolved by type.
   */
  async dashboardFigures(input: {
    townshipCode?: string;
    operatingInstitutionIds: readonly string[];
  }): Promise<EscrowDashboardFigures> {
    const t = input.townshipCode ?? null;
    const routes = await coverageCounts(
      this.dataSource,
      input.operatingInstitutionIds,
      businessDate(this.clock.now(), this.config.timeZone),
    );
    const [custody] = (await this.dataSource.query(
      `SELECT coalesce(sum(required_custody_fen), 0)::text AS fen FROM escrow_account WHERE status <> 'CLOSED' AND ($1::varchar IS NULL OR township_code = $1)`,
      [t],
    )) as { fen: string }[];
    const alerts = (await this.dataSource.query(
      `SELECT type, count(*)::int AS count FROM escrow_alert WHERE status <> 'RESOLVED' AND ($1::varchar IS NULL OR township_code = $1) GROUP BY type ORDER BY type`,
      [t],
    )) as { type: AlertType; count: number }[];
    return {
      coveredInstitutions: routes.covered,
      coveredByAccount: routes.byAccount,
      coveredByRiskReserve: routes.byReserve,
      totalCustodyFen: BigInt(custody.fen),
      openAlertsByType: alerts,
    };
  }

  /** Alerts not yet resolved of the given types (县 or one township), every type listed (0 when none). */
  async countOpenAlerts<T extends AlertType>(
    types: readonly T[],
    townshipCode?: string,
  ): Promise<{ type: T; count: number }[]> {
    const rows = (await this.dataSource.query(
      `SELECT type, count(*)::int AS count FROM escrow_alert
       WHERE status <> 'RESOLVED' AND type = ANY($1::varchar[]) AND ($2::varchar IS NULL OR township_code = $2) GROUP BY type`,
      [types, townshipCode ?? null],
    )) as { type: T; count: number }[];
    return types.map((type) => ({ type, count: rows.find((r) => r.type === type)?.count ?? 0 }));
  }

  /**
   * Dashboard trend: how many of the institutions were covered at the instant: an account open (opened
   * before, not closed by then) or a risk reserve registered before, not released by then and valid on
   * that business date.
   */
  async countCoveredAt(institutionIds: readonly string[], at: Date): Promise<number> {
    const [r] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS o(id)
       WHERE EXISTS (SELECT 1 FROM escrow_account a WHERE a.institution_id = o.id AND a.opened_at < $2 AND (a.closed_at IS NULL OR a.closed_at >= $2))
          OR EXISTS (SELECT 1 FROM escrow_risk_reserve r WHERE r.institution_id = o.id AND r.registered_at < $2 AND (r.released_at IS NULL OR r.released_at >= $2)
                     AND (r.valid_until IS NULL OR r.valid_until >= $3::date))`,
      [[...new Set(institutionIds)], at, businessDate(at, this.config.timeZone)],
    )) as { n: number }[];
    return r.n;
  }

  /**
   * County reports (监管账户缺口): custody shortfall at an instant, in fen — the shortfall (required custody minus
   * the reported balance) of SHORTFALL alerts raised before it and not resolved by then.
   */
  async custodyShortfallAt(at: Date): Promise<bigint> {
    const [r] = (await this.dataSource.query(
      `SELECT coalesce(sum(round((details->>'shortfall')::numeric * 100)), 0)::bigint::text AS fen FROM escrow_alert
       WHERE type = 'SHORTFALL' AND raised_at < $1 AND (resolved_at IS NULL OR resolved_at >= $1)`,
      [at],
    )) as { fen: string }[];
    return BigInt(r!.fen);
  }

  /** Operating institutions covered (an account in use or a valid risk reserve), of all operating ones, by township and category. */
  getCoverage(): Promise<Coverage> {
    return this.accounts.coverage(systemPrincipal('escrow-facade'));
  }
}
