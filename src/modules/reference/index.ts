/** Public surface of the reference module: other modules import only from here. */
export { ReferenceModule } from './reference.module';
export { ReferenceFacade } from './reference.facade';
export { schoolNotFound } from './reference.errors';
export { DepartmentObject, SchoolObject, TeacherObject, TownshipObject } from './graphql/reference.objects';
export type { SchoolSummary, TeacherSummary } from './reference.queries';
export { SchoolStage } from './entities/school.entity';
export { CalendarPeriodKind } from './entities/calendar-period.entity';
export { withResidentIdCheck } from './resident-id';
export type { CalendarPeriod } from './entities/calendar-period.entity';
export { TownshipKind } from './entities/township.entity';
export { XIFENG } from './seed/reference-data';
export { seedReference } from './seed/reference-seeder';
export { seedReferenceDemo, demoSchoolsAndTeachers } from './seed/demo-data';
