import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { ReferenceFacade } from '../reference';
import { PrepaidConfirmedBy } from './entities/prepaid-lesson.entity';
import { PrepaidRefundStatus } from './entities/prepaid-refund.entity';
import { countWorkingDays } from './working-days';

/** Why an institution left the market: the `requested_by` of the refund cases its exit opened. */
export type PrepaidExitReason = 'DEREGISTERED' | 'REVOKED' | 'BLACKLISTED';
const EXIT_REASONS: readonly PrepaidExitReason[] = ['DEREGISTERED', 'REVOKED', 'BLACKLISTED'];

/** Money of ACTIVE contracts, in fen: what custody holds for them against what is not yet consumed. */
export interface CustodyFigures {
  contractsActive: number;
  /** Σ (matched: total − released − refunded, at least 0; unmatched: 0). */
  custodyFen: bigint;
  /** Σ (lessons bought − lessons confirmed) × price per lesson. */
  unconsumedFen: bigint;
  /** Σ per contract max(unconsumed − custody, 0): the money at risk (a surplus on one contract covers no other). */
  gapFen: bigint;
}

export interface PrepaidDashboardFigures extends CustodyFigures {
  byTownship: (CustodyFigures & { townshipCode: string })[];
  /** Institutions with the largest gap (gap > 0), largest first. */
  topInstitutionsByGap: (CustodyFigures & { institutionId: string; townshipCode: string })[];
  /** Lesson records confirmed in [from, to), in lessons. */
  lessonsConfirmed: { by: PrepaidConfirmedBy; lessons: number; records: number }[];
  /** Every refund case by its current status (statuses with none: 0). */
  refundsByStatus: { status: PrepaidRefundStatus; count: number; amountFen: bigint }[];
  /** Refunds executed in [from, to) and the median of their working days from request to execution. */
  refundsExecutedInPeriod: number;
  refundMedianWorkingDays: number | null;
  /** Refund cases opened by an institution's exit and not yet executed, by reason. */
  exitRefundsOpen: { reason: PrepaidExitReason; count: number; amountFen: bigint }[];
}

const OPEN_REFUND = `r.status <> 'EXECUTED'`;

/** The median of a list of numbers (the mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

type CustodyRow = { contracts: number; custody: string; unconsumed: string; gap: string };
const custody = (r: CustodyRow): CustodyFigures => ({
  contractsActive: r.contracts,
  custodyFen: BigInt(r.custody),
  unconsumedFen: BigInt(r.unconsumed),
  gapFen: BigInt(r.gap),
});

/** Per ACTIVE contract c: custody held for it, its unconsumed value and its gap (SQL expressions). */
const CUSTODY = `CASE WHEN c.matched_at IS NULL THEN 0 ELSE greatest(c.total_fen - c.released_fen - c.refunded_fen, 0) END`;
const UNCONSUMED = `(c.lessons_bought - c.lessons_confirmed)::bigint * c.price_per_lesson_fen`;
const SUMS = `count(*)::int AS contracts, coalesce(sum(${CUSTODY}), 0)::text AS custody,
  coalesce(sum(${UNCONSUMED}), 0)::text AS unconsumed,
  coalesce(sum(greatest(${UNCONSUMED} - ${CUSTODY}, 0)), 0)::text AS gap`;

/**
 * Aggregates of the prepaid records for the dashboard (县 or one township), index-backed: the ACTIVE contracts
 * through idx_prepaid_contract_active (index-only), confirmations of the period through
 * idx_prepaid_lesson_confirmed, refunds through idx_prepaid_refund_status / idx_prepaid_refund_executed.
 * Township scope is the contract's township.
 */
@Injectable()
export class PrepaidDashboardQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async figures(input: {
    townshipCode?: string;
    from: Date;
    to: Date;
    topInstitutions: number;
  }): Promise<PrepaidDashboardFigures> {
    const t = input.townshipCode ?? null;
    const q = <R>(sql: string, params: unknown[]) => this.dataSource.query(sql, params) as Promise<R[]>;
    const active = `c.status = 'ACTIVE' AND ($1::varchar IS NULL OR c.township_code = $1)`;
    const [byTownship, top, lessons, refunds, executed, exits] = await Promise.all([
      q<CustodyRow & { township_code: string }>(
        `SELECT c.township_code, ${SUMS} FROM prepaid_contract c WHERE ${active} GROUP BY c.township_code ORDER BY c.township_code`,
        [t],
      ),
      q<CustodyRow & { township_code: string; institution_id: string }>(
        `SELECT * FROM (SELECT c.institution_id, min(c.township_code) AS township_code, ${SUMS}
           FROM prepaid_contract c WHERE ${active} GROUP BY c.institution_id) g
         WHERE g.gap::numeric > 0 ORDER BY g.gap::numeric DESC, g.institution_id LIMIT $2`,
        [t, input.topInstitutions],
      ),
      q<{ by: PrepaidConfirmedBy; lessons: number; records: number }>(
        `SELECT l.confirmed_by AS by, coalesce(sum(l.lessons), 0)::int AS lessons, count(*)::int AS records
         FROM prepaid_lesson l
         WHERE l.status = 'CONFIRMED' AND l.confirmed_at >= $2 AND l.confirmed_at < $3
           AND ($1::varchar IS NULL OR EXISTS (SELECT 1 FROM prepaid_contract c WHERE c.id = l.contract_id AND c.township_code = $1))
         GROUP BY l.confirmed_by`,
        [t, input.from, input.to],
      ),
      q<{ status: PrepaidRefundStatus; count: number; amount: string }>(
        `SELECT r.status, count(*)::int AS count, coalesce(sum(r.amount_fen), 0)::text AS amount FROM prepaid_refund r
         WHERE ($1::varchar IS NULL OR EXISTS (SELECT 1 FROM prepaid_contract c WHERE c.id = r.contract_id AND c.township_code = $1))
         GROUP BY r.status`,
        [t],
      ),
      q<{ requested_at: Date; executed_at: Date }>(
        `SELECT r.requested_at, r.executed_at FROM prepaid_refund r
         WHERE r.status = 'EXECUTED' AND r.executed_at >= $2 AND r.executed_at < $3
           AND ($1::varchar IS NULL OR EXISTS (SELECT 1 FROM prepaid_contract c WHERE c.id = r.contract_id AND c.township_code = $1))`,
        [t, input.from, input.to],
      ),
      q<{ reason: PrepaidExitReason; count: number; amount: string }>(
        `SELECT r.requested_by AS reason, count(*)::int AS count, coalesce(sum(r.amount_fen), 0)::text AS amount
         FROM prepaid_refund r
         WHERE ${OPEN_REFUND} AND r.requested_by = ANY($2::varchar[])
           AND ($1::varchar IS NULL OR EXISTS (SELECT 1 FROM prepaid_contract c WHERE c.id = r.contract_id AND c.township_code = $1))
         GROUP BY r.requested_by`,
        [t, EXIT_REASONS],
      ),
    ]);
    const total = byTownship.reduce(
      (s, r) => ({
        contractsActive: s.contractsActive + r.contracts,
        custodyFen: s.custodyFen + BigInt(r.custody),
        unconsumedFen: s.unconsumedFen + BigInt(r.unconsumed),
        gapFen: s.gapFen + BigInt(r.gap),
      }),
      { contractsActive: 0, custodyFen: 0n, unconsumedFen: 0n, gapFen: 0n },
    );
    return {
      ...total,
      byTownship: byTownship.map((r) => ({ townshipCode: r.township_code, ...custody(r) })),
      topInstitutionsByGap: top.map((r) => ({
        institutionId: r.institution_id,
        townshipCode: r.township_code,
        ...custody(r),
      })),
      lessonsConfirmed: Object.values(PrepaidConfirmedBy).map((by) => {
        const row = lessons.find((l) => l.by === by);
        return { by, lessons: row?.lessons ?? 0, records: row?.records ?? 0 };
      }),
      refundsByStatus: Object.values(PrepaidRefundStatus).map((status) => {
        const row = refunds.find((r) => r.status === status);
        return { status, count: row?.count ?? 0, amountFen: BigInt(row?.amount ?? 0) };
      }),
      refundsExecutedInPeriod: executed.length,
      refundMedianWorkingDays: median(await this.workingDaysToExecution(executed)),
      exitRefundsOpen: EXIT_REASONS.map((reason) => {
        const row = exits.find((r) => r.reason === reason);
        return { reason, count: row?.count ?? 0, amountFen: BigInt(row?.amount ?? 0) };
      }),
    };
  }

  /** Working days after each request's business date up to and including its execution's (one calendar read). */
  private async workingDaysToExecution(rows: readonly { requested_at: Date; executed_at: Date }[]): Promise<number[]> {
    if (!rows.length) return [];
    const tz = this.config.timeZone;
    const pairs = rows.map((r) => [businessDate(r.requested_at, tz), businessDate(r.executed_at, tz)] as const);
    const from = pairs.reduce((m, [a]) => (a < m ? a : m), pairs[0]![0]);
    const to = pairs.reduce((m, [, b]) => (b > m ? b : m), pairs[0]![1]);
    const periods = await this.reference.calendarPeriodsBetween(from, to);
    return pairs.map(([a, b]) => countWorkingDays(a, b, periods));
  }

  /**
   * Of the given institutions, those that sell under supervised contracts: at least one contract registered
   * since `since`, or one ACTIVE (both through idx_prepaid_contract_institution: one institution's rows).
   */
  async sellingUnderContracts(institutionIds: readonly string[], since: Date): Promise<Set<string>> {
    if (!institutionIds.length) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT i.id FROM unnest($1::uuid[]) AS i(id)
       WHERE EXISTS (SELECT 1 FROM prepaid_contract c WHERE c.institution_id = i.id AND c.created_at >= $2)
          OR EXISTS (SELECT 1 FROM prepaid_contract c WHERE c.institution_id = i.id AND c.status = 'ACTIVE')`,
      [[...new Set(institutionIds)], since],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }
}
