import { Principal, UserPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';

/** Roles that change complaints (DISCIPLINE_SUPERVISOR reads only; the services check departments and township). */
export const COMPLAINT_HANDLERS = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSPECTOR, Role.TOWNSHIP_OFFICER];
/**
 * Roles that read complaints (`complaints`, `complaint(id)`, `complaintChanged`): the handlers, discipline
 * supervisors, and an institution's administrators (complaints about it, masked).
 */
export const COMPLAINT_READERS = [...COMPLAINT_HANDLERS, Role.DISCIPLINE_SUPERVISOR, Role.INSTITUTION_ADMIN];

/** Departments that see and route every complaint: the Education Bureau (leading-group office) and 信访局. */
const ROUTING_DEPARTMENTS: readonly string[] = ['EDU', 'PETITIONS'];

interface Assigned {
  townshipCode: string;
  leadDepartmentCode: string;
  coDepartmentCodes: readonly string[];
}

const isOfficer = (p: Principal): p is UserPrincipal & { departmentCode: string } =>
  p.kind === 'user' && (p.role === Role.DEPARTMENT_OFFICER || p.role === Role.INSPECTOR) && !!p.departmentCode;

type ComplaintScope =
  { kind: 'all' } | { kind: 'none' } | { kind: 'where'; sql: string; params: Record<string, string> };

/**
 * Which complaints a principal sees, as SQL over the alias `c`: county administrators, discipline
 * supervisors, the service itself and EDU / PETITIONS officers see all; other department officers and
 * inspectors those their department leads or co-operates on; township officers their township's;
 * institution administrators those about their own institution; everyone else none.
 */
export function complaintScope(actor: Principal): ComplaintScope {
  if (actor.kind === 'system') return { kind: 'all' };
  if (actor.kind !== 'user') return { kind: 'none' };
  if (actor.role === Role.COUNTY_ADMIN || actor.role === Role.DISCIPLINE_SUPERVISOR) return { kind: 'all' };
  if (isOfficer(actor)) {
    if (ROUTING_DEPARTMENTS.includes(actor.departmentCode)) return { kind: 'all' };
    return {
      kind: 'where',
      sql: '(c.lead_department_code = :scopeDept OR :scopeDept = ANY(c.co_department_codes))',
      params: { scopeDept: actor.departmentCode },
    };
  }
  if (actor.role === Role.TOWNSHIP_OFFICER && actor.townshipCode)
    return { kind: 'where', sql: 'c.township_code = :scopeTownship', params: { scopeTownship: actor.townshipCode } };
  if (actor.role === Role.INSTITUTION_ADMIN && actor.institutionId)
    return {
      kind: 'where',
      sql: 'c.institution_id = :scopeInstitution',
      params: { scopeInstitution: actor.institutionId },
    };
  return { kind: 'none' };
}

/** An officer of one of the complaint's assigned (lead or co-operating) departments: sees the contact unmasked. */
export function isAssignedOfficer(actor: Principal, c: Assigned): boolean {
  return (
    isOfficer(actor) &&
    (c.leadDepartmentCode === actor.departmentCode || c.coDepartmentCodes.includes(actor.departmentCode))
  );
}

/** May accept, refuse, assign and reassign: county administrators, EDU / PETITIONS officers and the lead department. */
export function mayRoute(actor: Principal, c: Assigned): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === Role.COUNTY_ADMIN) return true;
  return (
    isOfficer(actor) &&
    (ROUTING_DEPARTMENTS.includes(actor.departmentCode) || c.leadDepartmentCode === actor.departmentCode)
  );
}

/** May investigate, reply, close, extend, reopen: county administrators, assigned departments, the township. */
export function mayHandle(actor: Principal, c: Assigned): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === Role.COUNTY_ADMIN) return true;
  if (actor.role === Role.TOWNSHIP_OFFICER) return actor.townshipCode === c.townshipCode;
  return isAssignedOfficer(actor, c);
}
