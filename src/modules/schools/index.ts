/** Public surface of the schools module: other modules import only from here. */
export { SchoolsModule } from './schools.module';
export { SchoolsFacade } from './schools.facade';
export type { ExamDashboardFigures } from './exams/exams.dashboard';
export { ExamViolationKind } from './exams/exam.rules';
