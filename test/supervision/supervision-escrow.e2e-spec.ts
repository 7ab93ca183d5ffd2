import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

/**
 * End to end across modules: a bank posts a statement below required custody (bank REST), escrow raises a
 * SHORTFALL alert, the event goes through the outbox and BullMQ, and supervision opens the follow-up
 * task for EDU with FINANCIAL_OFFICE co-operating — which the financial office's inspectors then see.
 */
describe('supervision: an escrow alert posted by a bank becomes a follow-up task', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-29T03:00:00Z'); // 11:00 in Xifeng

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t?.close());

  it('bank REST → alert → outbox → BullMQ → task, once', async () => {
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const bank = await t.registerBank();
    const account = await openAccount(t, admin.token, bank.bankCode);
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/transactions',
        {
          transactions: [
            {
              accountNo: account.accountNo,
              txnId: 'T-SUP-1',
              bookedAt: '2026-11-28T10:15:00+08:00',
              type: 'DEPOSIT',
              amount: '3000.00',
              currency: 'CNY',
              payerRef: 'p***1',
              lessonHours: 20,
              coverageMonths: 1,
              reversalOf: null,
              memo: 'term fee',
            },
          ],
        },
        bank,
      )
      .expect(200);
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/statements',
        {
          statements: [
            {
              accountNo: account.accountNo,
              statementDate: '2026-11-28',
              openingBalance: '0.00',
              closingBalance: '1000.00',
              currency: 'CNY',
              revision: 0,
            },
          ],
        },
        bank,
      )
      .expect(200);
    const [alert] = (await t.dataSource.query(
      `SELECT id FROM escrow_alert WHERE account_id = $1 AND type = 'SHORTFALL'`,
      [account.id],
    )) as { id: string }[];
    expect(alert).toBeDefined();

    const task = await waitFor(
      async () => {
        const rows = (await t.dataSource.query(
          `SELECT id, type, status, target_kind, institution_id, township_code, lead_department_code, cooperating_department_codes, source_ref FROM supervision_task WHERE target_id = $1`,
          [alert!.id],
        )) as Record<string, unknown>[];
        return rows[0];
      },
      { what: 'the follow-up task' },
    );
    expect(task).toMatchObject({
      type: 'ESCROW_ALERT_FOLLOW_UP',
      status: 'ASSIGNED',
      target_kind: 'ESCROW_ALERT',
      institution_id: account.institution.id,
      township_code: account.institution.townshipCode,
      lead_department_code: 'EDU',
      cooperating_department_codes: ['FINANCIAL_OFFICE'],
      source_ref: `escrow_alert:${alert!.id}`,
    });

    const financial = await t.loginAs(Role.INSPECTOR, 'FINANCIAL_OFFICE');
    const seen = await t.gql<{ supervisionTasks: { edges: { node: { id: string; title: string } }[] } }>(
      `{ supervisionTasks(filter: { type: ESCROW_ALERT_FOLLOW_UP }) { edges { node { id title } } } }`,
      {},
      financial.token,
    );
    // The statement does not add up either: RECONCILIATION_MISMATCH is a second alert with its own task.
    const mine = seen.data!.supervisionTasks.edges.find((e) => e.node.id === task.id);
    expect(mine?.node.title).toBe(`资金监管预警核查（SHORTFALL）：${account.institution.name}`);
    expect(seen.data!.supervisionTasks.edges.length).toBe(
      Number(
        (await t.dataSource.query(`SELECT count(*) AS n FROM escrow_alert WHERE account_id = $1`, [account.id]))[0].n,
      ),
    );

    // The EDU office's inbox has the new task.
    const edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    const inbox = await t.gql<{ notifications: { edges: { node: { kind: string; entityId: string } }[] } }>(
      `{ notifications(first: 50) { edges { node { kind entityId } } } }`,
      {},
      edu.token,
    );
    expect(inbox.data?.notifications.edges.map((e) => e.node)).toContainEqual({
      kind: 'supervision.task.assigned',
      entityId: task.id,
    });
    expect(
      Number(
        (
          await t.dataSource.query(`SELECT count(*) AS n FROM supervision_task WHERE source_ref = $1`, [
            `escrow_alert:${alert!.id}`,
          ])
        )[0].n,
      ),
    ).toBe(1);
  });
});
