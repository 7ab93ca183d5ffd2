import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Forbidden } from '../../platform/errors/domain-error';

/** User administration: COUNTY_ADMIN (and the system, e.g. the command line). */
export function assertUserAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN)) throw new Forbidden('Only a county administrator may administer users');
}

/** Reading users: the county office and discipline supervisors (and the system). */
export function assertUserReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden('Only the county office and discipline supervisors may list users');
}
