/** Public surface of the supervision module: other modules import only from here. */
export { SupervisionModule } from './supervision.module';
export { SupervisionFacade } from './supervision.facade';
export type { SupervisionDashboardFigures, OverdueBreakdownRow } from './supervision.types';
export type { SweepResult } from './escalation.service';
/** The escalation sweep, so operators' tools, benchmarks and tests can run one now. */
export { EscalationSweepTask, createEscalationSweep } from './escalation-sweep.task';
export { parsePeriod } from './report.service';
export type { ReportFigures, ReportPeriod } from './report.service';
export { TaskType, TaskStatus, TargetKind, ViolationSeverity, ReportKind } from './supervision.enums';
export { ReportContributions } from './report-contributions';
export type { ReportContribution, PlanTargetFigure, PlanTargetSection, ReportWindow } from './report-contributions';
/** The GraphQL shape of plan targets, for the dashboard's `targets` section. */
export { PlanTargetSectionObject, PlanTargetFigureObject, PlanTargetUnit } from './graphql/report.objects';
/** The finding type, for other modules' links to findings (`PenaltyDecision.findings`). */
export { FindingObject } from './graphql/supervision.objects';
