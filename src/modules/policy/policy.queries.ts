import { EntityManager } from 'typeorm';
import { PolicyChange, PolicyChangeStatus } from './entities/policy-change.entity';
import { PolicyVersion } from './policy.values';

/** The policy module's SQL: its one table, read and written here only. */

/** Every approved version of every rule (a few rows per rule): what each replica caches. */
export async function loadApprovedVersions(em: EntityManager): Promise<PolicyVersion[]> {
  const rows = (await em.query(
    `SELECT key, value, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, decided_at FROM policy_change WHERE status = 'APPROVED'`,
  )) as {
    key: string;
    value: string;
    effective_on: string;
    decided_at: Date;
  }[];
  return rows.map((r) => ({
    key: r.key,
    value: Number(r.value),
    effectiveOn: r.effective_on,
    approvedAt: new Date(r.decided_at),
  }));
}

/** A rule's changes, newest proposal first (history and pending proposals). */
export function changesOf(em: EntityManager, keys: readonly string[]): Promise<PolicyChange[]> {
  return em
    .createQueryBuilder(PolicyChange, 'c')
    .where('c.key IN (:...keys)', { keys })
    .orderBy('c.proposed_at', 'DESC')
    .addOrderBy('c.id', 'DESC')
    .getMany();
}

/** Locks one change for its decision; null when there is none. */
export function lockChange(em: EntityManager, id: string): Promise<PolicyChange | null> {
  return em.createQueryBuilder(PolicyChange, 'c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
}

/** Serialises decisions about one rule, so two approvals of the same rule order by their approval time. */
export async function lockRule(em: EntityManager, key: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('policy_rule'), hashtext($1))`, [key]);
}

export { PolicyChangeStatus };
