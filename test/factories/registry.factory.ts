import { randomInt } from 'node:crypto';
import {
  InstitutionStatus,
  InstitutionSummary,
  RegistryFacade,
  creditCodeCheckCharacter,
} from '../../src/modules/registry';
import { TestApp } from '../support/test-app';

const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code (GB 32100-2015): 91 (enterprise) + 520122 (Xifeng) + 9 random + check. */
export function randomCreditCode(prefix = '91520122'): string {
  let first17 = prefix;
  while (first17.length < 17) first17 += ORG_ALPHABET[randomInt(ORG_ALPHABET.length)];
  return first17 + creditCodeCheckCharacter(first17);
}

export interface InstitutionOverrides {
  name: string;
  creditCode: string;
  category: 'SUBJECT' | 'NON_SUBJECT';
  nonSubjectKind: 'SPORTS' | 'ARTS' | 'SCIENCE_TECH' | 'OTHER' | null;
  legalForm: 'FOR_PROFIT' | 'NON_PROFIT';
  competentDepartmentCode: string;
  licenceNumber: string | null;
  licenceValidFrom: string | null;
  licenceValidUntil: string | null;
  townshipCode: string;
  gridCode: string | null;
  address: string;
  legalRepresentative: string;
  contactPhone: string;
  partyOrganisationCovered: boolean;
  partyWorkCovered: boolean;
  status: InstitutionStatus | `${InstitutionStatus}`;
}

/**
 * Inserts a valid institution straight into the database (no events, no audit: a fixture, not a
 * command) and returns its summary. Defaults: a NON_SUBJECT ARTS institution, OPERATING, in 永阳街道
 * (520122001), competent department EDU, with a fresh credit code per call.
 */
export async function createInstitution(
  t: TestApp,
  overrides: Partial<InstitutionOverrides> = {},
): Promise<InstitutionSummary> {
  const category = overrides.category ?? 'NON_SUBJECT';
  const v: InstitutionOverrides = {
    name: `测试培训机构 ${randomInt(1_000_000)}`,
    creditCode: randomCreditCode(),
    category,
    nonSubjectKind: category === 'SUBJECT' ? null : 'ARTS',
    legalForm: 'FOR_PROFIT',
    competentDepartmentCode: 'EDU',
    licenceNumber: `教民152012270${randomInt(100000, 999999)}号`,
    licenceValidFrom: '2025-01-01',
    licenceValidUntil: '2030-12-31',
    townshipCode: '520122001',
    gridCode: null,
    address: '息烽县永阳街道测试路 1 号',
    legalRepresentative: '张三',
    contactPhone: '0851-87700000',
    partyOrganisationCovered: false,
    partyWorkCovered: true,
    status: InstitutionStatus.OPERATING,
    ...overrides,
  };
  const now = t.clock.now();
  const [row] = await t.dataSource.query(
    `INSERT INTO institution (name, credit_code, category, non_subject_kind, legal_form, competent_department_code,
       licence_number, licence_valid_from, licence_valid_until, township_code, grid_code, address, legal_representative,
       contact_phone, party_organisation_covered, party_work_covered, status, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18) RETURNING id`,
    [
      v.name,
      v.creditCode,
      v.category,
      v.nonSubjectKind,
      v.legalForm,
      v.competentDepartmentCode,
      v.licenceNumber,
      v.licenceValidFrom,
      v.licenceValidUntil,
      v.townshipCode,
      v.gridCode,
      v.address,
      v.legalRepresentative,
      v.contactPhone,
      v.partyOrganisationCovered,
      v.partyWorkCovered,
      v.status,
      now,
    ],
  );
  const summary = await t.app.get(RegistryFacade).findInstitution({ id: row.id });
  if (!summary) throw new Error('institution just inserted was not found');
  return summary;
}
