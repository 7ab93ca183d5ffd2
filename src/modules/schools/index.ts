/** Public surface of the schools module: other modules import only from here. */
export { SchoolsModule } from './schools.module';
export { SchoolsFacade } from './schools.facade';
export type {
  AreaMonthFigures,
  BurdenDashboardFigures,
  SchoolMonthFigures,
} from './burden/teacher-burden-figures.service';
export { BurdenApprovalStatus, BurdenDemandKind } from './burden/teacher-burden.enums';
export { burdenDemandNotFound } from './burden/teacher-burden.errors';
