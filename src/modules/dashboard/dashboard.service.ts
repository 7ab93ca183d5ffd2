import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { addDays, businessToday, localToInstant } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { formatMoney } from '../../platform/database/money';
import { AfterSchoolFacade } from '../after-school';
import { ComplaintsFacade } from '../complaints';
import { CreditFacade } from '../credit';
import { EscrowFacade } from '../escrow';
import { ReferenceFacade } from '../reference';
import { RegistryFacade } from '../registry';
import { SupervisionFacade } from '../supervision';
import {
  MAX_TREND_MONTHS,
  checkDate,
  monthStart,
  monthsBetween,
  nextMonthStart,
  rate,
  semesterOf,
} from './dashboard-period';
import { dashboardOutOfScope } from './dashboard.errors';
import { text } from '../../platform/i18n/text';

/** Roles that see the county dashboard or any township's; a township officer sees their own township's. */
const COUNTY_DASHBOARD_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
] as const;
export const DASHBOARD_ROLES = [...COUNTY_DASHBOARD_ROLES, Role.TOWNSHIP_OFFICER] as const;

interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number;
}

interface LevelCount {
  level: number;
  count: number;
}

/** Overdue items of one township (null: county-level tasks) or one lead department, with counts per escalation level. */
interface OverdueGroup {
  code: string | null;
  count: number;
  byLevel: LevelCount[];
}

type TownshipOverdue = Omit<OverdueGroup, 'code'> & { townshipCode: string | null };
type DepartmentOverdue = Omit<OverdueGroup, 'code'> & { departmentCode: string };

interface PartyCoverage {
  townshipCode: string;
  organisation: Ratio;
  work: Ratio;
}

interface Dashboard {
  townshipCode: string | null;
  asOf: string;
  periodFrom: string;
  threeHundredPercent: {
    homeworkPublicity: Ratio;
    homeworkDurationCompliance: Ratio;
    afterSchoolCoverage: Ratio;
    semester: string;
  };
  registry: {
    subjectInstitutionsRemaining: number;
    operatingByCategory: { category: string; count: number }[];
    unlicensedLeadsOpen: number;
    unlicensedLeadsOverdue: number;
    partyOrganisationCoverage: Ratio;
    partyWorkCoverage: Ratio;
    partyCoverageByTownship: PartyCoverage[];
  };
  escrow: { coverage: Ratio; totalCustody: string; openAlertsByType: { type: string; count: number }[] };
  credit: { black: number; white: number; grey: number };
  complaints: {
    received: number;
    closed: number;
    overdue: number;
    satisfactionRate: number | null;
    pendingOverdue: number;
    pendingOverdueByTownship: TownshipOverdue[];
    pendingOverdueByDepartment: DepartmentOverdue[];
  };
  supervision: {
    open: number;
    overdueByLevel: LevelCount[];
    openByDepartment: { departmentCode: string; count: number }[];
    overdueByTownship: TownshipOverdue[];
    overdueByDepartment: DepartmentOverdue[];
  };
}

export enum DashboardKpi {
  SUBJECT_INSTITUTIONS_REMAINING = 'SUBJECT_INSTITUTIONS_REMAINING',
  ESCROW_COVERAGE = 'ESCROW_COVERAGE',
  HOMEWORK_PUBLICITY = 'HOMEWORK_PUBLICITY',
  COMPLAINTS_RECEIVED = 'COMPLAINTS_RECEIVED',
  SUPERVISION_OVERDUE = 'SUPERVISION_OVERDUE',
  COMPLAINT_SATISFACTION = 'COMPLAINT_SATISFACTION',
}

interface TrendPoint {
  month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: rate(numerator, denominator),
  target: 1,
});

/** Overdue rows (township × lead department × level) summed by one key, each group with its counts per level. */
function groupOverdue<R extends { level: number; count: number }>(
  rows: readonly R[],
  key: (r: R) => string | null,
): OverdueGroup[] {
  const groups = new Map<string | null, Map<number, number>>();
  for (const r of rows) {
    const levels = groups.get(key(r)) ?? new Map<number, number>();
    levels.set(r.level, (levels.get(r.level) ?? 0) + r.count);
    groups.set(key(r), levels);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
    .map(([code, levels]) => {
      const byLevel = [...levels.entries()].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }));
      return { code, count: byLevel.reduce((n, l) => n + l.count, 0), byLevel };
    });
}

type OverdueRow = { townshipCode: string | null; departmentCode: string; level: number; count: number };
const byTownship = (rows: readonly OverdueRow[]): TownshipOverdue[] =>
  groupOverdue(rows, (r) => r.townshipCode).map(({ code, ...g }) => ({ townshipCode: code, ...g }));
const byDepartment = (rows: readonly OverdueRow[]): DepartmentOverdue[] =>
  groupOverdue(rows, (r) => r.departmentCode).map(({ code, ...g }) => ({ departmentCode: code!, ...g }));

/**
 * The county dashboard (县"双减"工作看板): every figure computed on request from the modules' records
 * through their facades (aggregate SQL over indexes; nothing stored).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly escrow: EscrowFacade,
    private readonly credit: CreditFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly afterSchool: AfterSchoolFacade,
    private readonly supervision: SupervisionFacade,
    private readonly reference: ReferenceFacade,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The township the figures are for (undefined: the county). A township officer always gets their own
   * township: naming none means theirs, naming another one is FORBIDDEN (never silently swapped).
   */
  async scopeOf(actor: Principal, requested: string | undefined): Promise<string | undefined> {
    if (hasRole(actor, Role.TOWNSHIP_OFFICER)) {
      if (requested !== undefined && requested !== actor.townshipCode) throw dashboardOutOfScope(requested);
      if (!actor.townshipCode) throw dashboardOutOfScope(undefined);
      return actor.townshipCode;
    }
    if (!hasRole(actor, ...COUNTY_DASHBOARD_ROLES) && actor.kind !== 'system') throw dashboardOutOfScope(requested);
    if (requested !== undefined) await this.reference.getTownship(requested);
    return requested;
  }

  private startOf(date: string): Date {
    return localToInstant(date, '00:00', this.config.timeZone);
  }

  async dashboard(actor: Principal, input: { townshipCode?: string; asOf?: string }): Promise<Dashboard> {
    const township = await this.scopeOf(actor, input.townshipCode);
    const today = businessToday(this.clock, this.config.timeZone);
    const asOf = input.asOf ?? today;
    checkDate('asOf', asOf);
    if (asOf > today)
      throw new ValidationFailed([
        { path: 'asOf', message: text(`asOf may not be after today (${today})`, `asOf 不能晚于今天（${today}）`) },
      ]);
    const periodFrom = monthStart(asOf);
    const periodEnd = this.startOf(addDays(asOf, 1));
    const now = this.clock.now();
    const at = periodEnd < now ? periodEnd : now;
    const semester = semesterOf(asOf);

    const [
      homework,
      coverage,
      remaining,
      byCategory,
      leadsOpen,
      leadsOverdue,
      operatingIds,
      credit,
      complaints,
      supervision,
      party,
      tasksOverdue,
      complaintsOverdue,
    ] = await Promise.all([
      this.afterSchool.homeworkKpis({ from: periodFrom, to: asOf, townshipCode: township }),
      this.afterSchool.coverageKpi({ semester, townshipCode: township }),
      this.registry.countSubjectInstitutionsRemaining(township),
      this.registry.countOperatingByCategory(township),
      this.registry.countOpenUnlicensedLeads(township),
      this.registry.countOverdueUnlicensedLeads(township, at),
      this.registry.listOperatingInstitutionIdsIn(township),
      this.credit.countListedByKind(township),
      this.complaints.dashboardFigures({ from: this.startOf(periodFrom), to: periodEnd, townshipCode: township }),
      this.supervision.dashboardFigures({ townshipCode: township, now: at }),
      this.registry.countPartyCoverageByTownship(township),
      this.supervision.overdueBreakdown({ townshipCode: township, now: at }),
      this.complaints.overdueBreakdown({ townshipCode: township, now: at }),
    ]);
    const partyTotal = party.reduce(
      (n, p) => ({
        operating: n.operating + p.operating,
        organisation: n.organisation + p.organisationCovered,
        work: n.work + p.workCovered,
      }),
      {
        operating: 0,
        organisation: 0,
        work: 0,
      },
    );
    const escrow = await this.escrow.dashboardFigures({
      townshipCode: township,
      operatingInstitutionIds: operatingIds,
    });
    return {
      townshipCode: township ?? null,
      asOf,
      periodFrom,
      threeHundredPercent: {
        homeworkPublicity: ratio(homework.classDaysPublished, homework.classDaysExpected),
        homeworkDurationCompliance: ratio(homework.classDaysWithinLimit, homework.classDaysReported),
        afterSchoolCoverage: ratio(coverage.served, coverage.asked),
        semester,
      },
      registry: {
        subjectInstitutionsRemaining: remaining,
        operatingByCategory: byCategory,
        unlicensedLeadsOpen: leadsOpen,
        unlicensedLeadsOverdue: leadsOverdue,
        partyOrganisationCoverage: ratio(partyTotal.organisation, partyTotal.operating),
        partyWorkCoverage: ratio(partyTotal.work, partyTotal.operating),
        partyCoverageByTownship: party.map((p) => ({
          townshipCode: p.townshipCode,
          organisation: ratio(p.organisationCovered, p.operating),
          work: ratio(p.workCovered, p.operating),
        })),
      },
      escrow: {
        coverage: ratio(escrow.coveredInstitutions, operatingIds.length),
        totalCustody: formatMoney(escrow.totalCustodyFen),
        openAlertsByType: escrow.openAlertsByType,
      },
      credit: { black: credit.BLACK, white: credit.WHITE, grey: credit.GREY },
      complaints: {
        received: complaints.received,
        closed: complaints.closed,
        overdue: complaints.overdue,
        satisfactionRate: rate(complaints.satisfied, complaints.rated),
        pendingOverdue: complaintsOverdue.reduce((n, r) => n + r.count, 0),
        pendingOverdueByTownship: byTownship(complaintsOverdue),
        pendingOverdueByDepartment: byDepartment(complaintsOverdue),
      },
      supervision: {
        ...supervision,
        overdueByTownship: byTownship(tasksOverdue),
        overdueByDepartment: byDepartment(tasksOverdue),
      },
    };
  }

  /** Monthly points from the month of `from` to the month of `to`, each computed as of the month's end (or today). */
  async trend(
    actor: Principal,
    input: { kpi: DashboardKpi; from: string; to: string; townshipCode?: string },
  ): Promise<TrendPoint[]> {
    const township = await this.scopeOf(actor, input.townshipCode);
    checkDate('from', input.from);
    checkDate('to', input.to);
    if (input.from > input.to)
      throw new ValidationFailed([
        { path: 'from', message: text('"from" is after "to"', '开始日期（from）晚于结束日期（to）') },
      ]);
    const months = monthsBetween(input.from, input.to);
    if (months.length > MAX_TREND_MONTHS)
      throw new ValidationFailed([
        {
          path: 'to',
          message: text(`A trend spans at most ${MAX_TREND_MONTHS} months`, `趋势统计最长 ${MAX_TREND_MONTHS} 个月`),
        },
      ]);
    const today = businessToday(this.clock, this.config.timeZone);
    const points: TrendPoint[] = [];
    for (const month of months) {
      const first = `${month}-01`;
      const lastDay = addDays(nextMonthStart(first), -1);
      if (first > today) {
        points.push({ month, value: null, numerator: null, denominator: null });
        continue;
      }
      const last = lastDay < today ? lastDay : today;
      const end = this.startOf(addDays(last, 1));
      const at = end < this.clock.now() ? end : this.clock.now();
      points.push({ month, ...(await this.point(input.kpi, township, first, last, at)) });
    }
    return points;
  }

  private async point(
    kpi: DashboardKpi,
    township: string | undefined,
    first: string,
    last: string,
    at: Date,
  ): Promise<Omit<TrendPoint, 'month'>> {
    const count = (value: number) => ({ value, numerator: null, denominator: null });
    const share = (n: number, d: number) => ({ value: rate(n, d), numerator: n, denominator: d });
    switch (kpi) {
      case DashboardKpi.SUBJECT_INSTITUTIONS_REMAINING:
        return count(await this.registry.countSubjectInstitutionsRemainingAt(at, township));
      case DashboardKpi.ESCROW_COVERAGE: {
        const ids = await this.registry.listOperatingInstitutionIdsIn(township, at);
        return share(await this.escrow.countCoveredAt(ids, at), ids.length);
      }
      case DashboardKpi.HOMEWORK_PUBLICITY: {
        const h = await this.afterSchool.homeworkKpis({ from: first, to: last, townshipCode: township });
        return share(h.classDaysPublished, h.classDaysExpected);
      }
      case DashboardKpi.COMPLAINTS_RECEIVED:
        return count(
          (await this.complaints.dashboardFigures({ from: this.startOf(first), to: at, townshipCode: township }))
            .received,
        );
      case DashboardKpi.SUPERVISION_OVERDUE:
        return count(await this.supervision.countOverdueAt(at, township));
      case DashboardKpi.COMPLAINT_SATISFACTION: {
        const c = await this.complaints.dashboardFigures({ from: this.startOf(first), to: at, townshipCode: township });
        return share(c.satisfied, c.rated);
      }
    }
  }
}
