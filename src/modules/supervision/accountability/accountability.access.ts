import { Principal, UserPrincipal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { AccountabilityPartyKind } from './accountability.enums';

/** Departments that follow every case: 县委督办督查局 (opens and follows up) and 县纪委县监委 (decides). */
export const CASE_OVERSEERS: readonly string[] = ['INSPECTION_OFFICE', 'DISCIPLINE'];

/** The party a case holds to account. */
export interface Party {
  kind: AccountabilityPartyKind;
  code: string;
}

const user = (actor: Principal, ...roles: Role[]): UserPrincipal | null =>
  actor.kind === 'user' && roles.includes(actor.role) ? actor : null;

/**
 * Who reads accountability cases: the county office, discipline supervisors and the officers of the
 * inspection office and the discipline commission all of them; a department's officers the cases against
 * their department; a township's officers those against their township; nobody else. As SQL over an
 * `accountability_case` alias (parameters prefixed `__a_`).
 */
export function caseScopeSql(actor: Principal, alias: string): { sql: string; params: Record<string, unknown> } {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    return { sql: 'TRUE', params: {} };
  const officer = user(actor, Role.DEPARTMENT_OFFICER);
  if (officer?.departmentCode) {
    if (CASE_OVERSEERS.includes(officer.departmentCode)) return { sql: 'TRUE', params: {} };
    return {
      sql: `(${alias}.party_kind = 'DEPARTMENT' AND ${alias}.party_code = :__a_dept)`,
      params: { __a_dept: officer.departmentCode },
    };
  }
  const township = user(actor, Role.TOWNSHIP_OFFICER);
  if (township?.townshipCode)
    return {
      sql: `(${alias}.party_kind = 'TOWNSHIP' AND ${alias}.party_code = :__a_township)`,
      params: { __a_township: township.townshipCode },
    };
  return { sql: 'FALSE', params: {} };
}

/** The same rule in memory, for one case already loaded. */
export function canReadCase(actor: Principal, party: Party): boolean {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)) return true;
  const officer = user(actor, Role.DEPARTMENT_OFFICER);
  if (officer?.departmentCode)
    return (
      CASE_OVERSEERS.includes(officer.departmentCode) ||
      (party.kind === AccountabilityPartyKind.DEPARTMENT && party.code === officer.departmentCode)
    );
  const township = user(actor, Role.TOWNSHIP_OFFICER);
  return (
    !!township?.townshipCode && party.kind === AccountabilityPartyKind.TOWNSHIP && party.code === township.townshipCode
  );
}

/** Who speaks for the party (gives its statement): officers of the department, or of the township, held. */
export function speaksForParty(actor: Principal, party: Party): boolean {
  if (party.kind === AccountabilityPartyKind.DEPARTMENT)
    return user(actor, Role.DEPARTMENT_OFFICER)?.departmentCode === party.code;
  return user(actor, Role.TOWNSHIP_OFFICER)?.townshipCode === party.code;
}

/** What the ladder knows of an item reaching level 3 (a task also its target). */
export interface EscalatedItemFacts {
  leadDepartmentCode: string;
  townshipCode: string | null;
  targetKind?: string | null;
  targetId?: string | null;
}

/**
 * Who is held to account for an overdue item (ADR 0028): the department a task was opened against (target
 * DEPARTMENT); the township a task of the inspection office was opened against (target TOWNSHIP, led by
 * INSPECTION_OFFICE); otherwise the lead department (牵头部门负责), which owes every task, order and
 * complaint it leads.
 */
export function partyHeld(item: EscalatedItemFacts): Party {
  if (item.targetKind === 'DEPARTMENT' && item.targetId)
    return { kind: AccountabilityPartyKind.DEPARTMENT, code: item.targetId };
  if (item.targetKind === 'TOWNSHIP' && item.targetId && item.leadDepartmentCode === 'INSPECTION_OFFICE')
    return { kind: AccountabilityPartyKind.TOWNSHIP, code: item.targetId };
  return { kind: AccountabilityPartyKind.DEPARTMENT, code: item.leadDepartmentCode };
}
