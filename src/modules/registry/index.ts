/** Public surface of the registry module: other modules import only from here. */
export { RegistryModule } from './registry.module';
export { RegistryFacade } from './registry.facade';
export type { CourseSummary, InstitutionSummary, LeadSummary } from './registry.facade';
export { institutionNotFound } from './registry.errors';
export { InstitutionCategory, InstitutionStatus, LegalForm, NonSubjectKind } from './entities/institution.entity';
export { checkCreditCode, creditCodeCheckCharacter } from './credit-code';
export {
  CourseObject,
  InstitutionObject,
  InstitutionPublicProfileObject,
  StaffObject,
  UnlicensedLeadObject,
} from './graphql/registry.objects';
export { LeadStatus } from './entities/unlicensed-lead.entity';
