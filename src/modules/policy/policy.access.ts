import { Principal, UserPrincipal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Forbidden } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

/**
 * Who does what with county rules:
 * - read (every rule, its value, bounds, source, history and pending proposals): every staff role — the
 *   rules are the law officers, schools and inspectors apply;
 * - propose a change, approve or reject one: the county office (COUNTY_ADMIN) only, and the decision by a
 *   different administrator than the proposer.
 */
export const POLICY_READER_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DEPARTMENT_OFFICER,
  Role.TOWNSHIP_OFFICER,
  Role.SCHOOL_ADMIN,
  Role.INSPECTOR,
  Role.DISCIPLINE_SUPERVISOR,
];
export const POLICY_EDITOR_ROLES = [Role.COUNTY_ADMIN];

export function assertPolicyEditor(actor: Principal): asserts actor is UserPrincipal {
  if (actor.kind !== 'user' || !hasRole(actor, ...POLICY_EDITOR_ROLES))
    throw new Forbidden(text('Only the county office changes county rules', '只有县级管理部门可以修改本县规则'));
}

export function assertPolicyReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, ...POLICY_READER_ROLES)) throw new Forbidden();
}
