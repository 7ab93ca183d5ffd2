import { InstitutionCategory, InstitutionStatus, LegalForm, NonSubjectKind } from './entities/institution.entity';

/** Inputs of the institution commands and the list filter. */

export interface InstitutionFilter {
  townshipCode?: string;
  category?: InstitutionCategory;
  status?: InstitutionStatus;
  search?: string;
}

export interface InstitutionDetails {
  name: string;
  creditCode: string;
  category: InstitutionCategory;
  nonSubjectKind?: NonSubjectKind | null;
  legalForm: LegalForm;
  competentDepartmentCode: string;
  townshipCode: string;
  gridCode?: string | null;
  address: string;
  legalRepresentative: string;
  contactPhone: string;
  partyOrganisationCovered?: boolean;
  partyWorkCovered?: boolean;
}

/**
 * What `updateInstitution` may change (变更登记 of details that change without a lifecycle transition).
 * Absent fields stay as they are; `gridCode: null` clears the grid. Category, legal form, credit code and
 * status have their own commands; a township change is refused (see townshipChangeNotSupported).
 */
export interface InstitutionUpdate {
  name?: string;
  address?: string;
  townshipCode?: string;
  gridCode?: string | null;
  legalRepresentative?: string;
  contactPhone?: string;
  partyOrganisationCovered?: boolean;
  partyWorkCovered?: boolean;
  competentDepartmentCode?: string;
}
