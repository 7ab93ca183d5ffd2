/** Public surface of the supervision module: other modules import only from here. */
export { SupervisionModule } from './supervision.module';
export { SupervisionService } from './supervision.service';
export type { SupervisionDashboardFigures, OverdueBreakdownRow } from './supervision.service';
export { EscalationService } from './escalation.service';
export type { SweepResult } from './escalation.service';
export { ReportService, parsePeriod } from './report.service';
export type { ReportFigures } from './report.service';
export { TaskType, TaskStatus, TargetKind, ViolationSeverity, ReportKind } from './supervision.enums';
