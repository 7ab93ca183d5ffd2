import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Forbidden } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

/** User administration: COUNTY_ADMIN (and the system, e.g. the command line). */
export function assertUserAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN))
    throw new Forbidden(text('Only a county administrator may administer users', '只有县级管理员可以管理用户'));
}

/** Reading users: the county office and discipline supervisors (and the system). */
export function assertUserReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden(
      text(
        'Only the county office and discipline supervisors may list users',
        '只有县级管理部门和纪检监督人员可以查看用户列表',
      ),
    );
}
