import { ReferenceFacade, SchoolSummary, schoolNotFound } from '../reference';
import { Principal } from '../../platform/auth/principal';
import { inScope } from '../../platform/auth/scope';
import { assertOwnSchool, readOptions } from './after-school.access';

/** The school a school administrator writes for (its township is copied onto the new rows). */
export async function ownSchool(
  reference: ReferenceFacade,
  actor: Principal,
  schoolId: string,
): Promise<SchoolSummary> {
  assertOwnSchool(actor, schoolId);
  const [school] = await reference.schoolsByIds([schoolId]);
  if (!school) throw schoolNotFound(schoolId);
  return school;
}

/**
 * The schools a reader sees (a KPI's population, including schools with no records at all), narrowed
 * to a township or one school. Schools come from reference; the scope rule is the one of our rows.
 */
export async function schoolsInScope(
  reference: ReferenceFacade,
  actor: Principal,
  departments: readonly string[] | 'any',
  filter: { townshipCode?: string; schoolId?: string },
): Promise<SchoolSummary[]> {
  const schools = filter.schoolId
    ? await reference.schoolsByIds([filter.schoolId])
    : await reference.allSchools(filter.townshipCode);
  const options = readOptions(actor, departments);
  return schools.filter(
    (s) =>
      (!filter.townshipCode || s.townshipCode === filter.townshipCode) &&
      inScope(actor, { school: s.id, township: s.townshipCode }, options),
  );
}

/** A ratio, or null when the denominator is zero (nothing to measure is not 100 %). */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000;
