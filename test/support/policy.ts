import { PolicyFacade, PolicyKey } from '../../src/modules/policy';
import { TestApp } from './test-app';

/**
 * Sets a county rule for a test as an approved version (no two-admin workflow: that is test/policy/policy.e2e-spec.ts's
 * subject), in force from `effectiveOn` (default: the test clock's business date), and reloads the app's cache.
 * The value is the integer the rule stores (days, minutes, fen, minutes after midnight).
 */
export async function setPolicy(t: TestApp, key: PolicyKey, value: number, effectiveOn?: string): Promise<void> {
  const now = t.clock.now();
  const on = effectiveOn ?? new Intl.DateTimeFormat('en-CA', { timeZone: t.runtime.config.timeZone }).format(now);
  await t.dataSource.query(
    `INSERT INTO policy_change (key, value, effective_on, reason, status, proposed_by_name, proposed_at, decided_by_name, decided_at)
     VALUES ($1, $2, $3, 'test', 'APPROVED', 'test', $4, 'test', $4)`,
    [key, value, on, now],
  );
  await t.app.get(PolicyFacade).refresh();
}
