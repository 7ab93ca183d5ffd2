/** Public surface of the after-school module: other modules import only from here. */
export { AfterSchoolModule } from './after-school.module';
export { AfterSchoolFacade } from './after-school.facade';
export type { CoverageKpiFigures, HomeworkKpiFigures } from './after-school.facade';
export { PublicationMissingTask } from './publication-missing.task';
export type { InstitutionRemoval } from './plan.service';
export { seedAfterSchoolDemo } from './seed/demo-data';
export { semesterOf, schoolYearOf } from './after-school.rules';
