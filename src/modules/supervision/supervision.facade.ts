import { Injectable } from '@nestjs/common';
import { PlanTargetsService } from './plan-targets.service';
import { PlanTargetSection, ReportWindow } from './report-contributions';
import { Principal } from '../../platform/auth/principal';
import { Loaders, loadLinks } from '../../platform/graphql/loaders';
import { UUID } from '../../platform/ids/uuid';
import { SupervisionFinding } from './entities/supervision-finding.entity';
import { ReportFigures, ReportPeriod, ReportService } from './report.service';
import { SupervisionQueries } from './supervision.queries';
import { OverdueBreakdownRow, SupervisionDashboardFigures } from './supervision.types';

/** What other modules (the dashboard) read of supervision: figures over tasks (through the module's queries) and report figures. */
@Injectable()
export class SupervisionFacade {
  constructor(
    private readonly queries: SupervisionQueries,
    private readonly reports: ReportService,
    private readonly targets: PlanTargetsService,
  ) {}

  /**
   * The plan's targets (计划目标) over a window, county-wide: the computation a stored report keeps in its
   * snapshot, so the dashboard's `targets` for a date equals the report whose window ends that day.
   */
  planTargets(window: ReportWindow): Promise<PlanTargetSection[]> {
    return this.targets.sections(window);
  }

  /** Tasks overdue at an instant (dashboard trend): see SupervisionQueries.countOverdueAt. */
  countOverdueAt(at: Date, townshipCode?: string): Promise<number> {
    return this.queries.countOverdueAt(at, townshipCode);
  }

  /** Open tasks, overdue ones by escalation level, open ones by lead department: see SupervisionQueries.dashboardFigures. */
  dashboardFigures(input: { townshipCode?: string; now?: Date }): Promise<SupervisionDashboardFigures> {
    return this.queries.dashboardFigures(input);
  }

  /** Overdue tasks per township, lead department and level: see SupervisionQueries.overdueBreakdown. */
  overdueBreakdown(input: { townshipCode?: string; now?: Date }): Promise<OverdueBreakdownRow[]> {
    return this.queries.overdueBreakdown(input);
  }

  /**
   * What another module checks of findings it cites (enforcement's penalty decisions): each finding's
   * task institution and township; unknown or malformed ids are left out. No principal: the caller
   * scopes its own record.
   */
  findingSubjects(
    ids: readonly string[],
  ): Promise<{ id: string; institutionId: string | null; townshipCode: string | null }[]> {
    return this.queries.findingSubjects([...new Set(ids)].filter((i) => UUID.test(i)));
  }

  /**
   * The list-of-ids link to findings (`PenaltyDecision.findings`): those whose task the caller may read, in
   * order, through the same per-request loader as supervision's own finding links.
   */
  findingLinks(loaders: Loaders, actor: Principal, ids: readonly string[]): Promise<SupervisionFinding[]> {
    return loadLinks(loaders, 'supervision.finding-link', ids, (batch) =>
      this.queries.readableFindingsByIds(
        actor,
        batch.filter((i) => UUID.test(i)),
      ),
    );
  }

  /** The figures of a report period (一月一调度 / 一季一总结), computed now: see ReportService.figures. */
  reportFigures(period: ReportPeriod): Promise<ReportFigures> {
    return this.reports.figures(period);
  }
}
