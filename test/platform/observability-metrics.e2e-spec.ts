import { randomInt } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainEvent } from '../../src/platform/events';
import { OnEvent } from '../../src/platform/events/decorators';
import { MetricsServer } from '../../src/platform/metrics/metrics-server';
import { openAccount } from '../factories/escrow.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

/** A subscriber that always fails once, so its delivery lands in the failed set (the dead letter). */
@Injectable()
class AlwaysFails {
  @OnEvent('identity.user.disabled', { name: 'metrics_probe.always-fails', attempts: 1 })
  async fail(_event: DomainEvent<'identity.user.disabled'>, _em: EntityManager): Promise<void> {
    throw new Error('probe failure');
  }
}
@Module({ providers: [AlwaysFails] })
class FailingProbeModule {}

const TOKEN = 'metrics-token-for-the-test-0123456789';
const SUBMIT = `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`;

/** The value of one sample in a Prometheus text exposition (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('observability: /metrics off the public API port, and business metrics', () => {
  describe('without METRICS_TOKEN', () => {
    let t: TestApp;
    const clock = new FixedClock('2026-11-29T03:00:00Z'); // 11:00 in Xifeng
    let base: string;

    beforeAll(async () => {
      t = await startTestApp({
        clock,
        imports: [FailingProbeModule],
        env: { METRICS_CACHE_MS: '0', EVENT_BACKOFF_MS: '20' },
      });
      const address = await t.app.get(MetricsServer).listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${address.port}`;
    });
    afterAll(() => t?.close());

    const scrape = async () => {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };

    it('has no /metrics on the API port; the metrics port serves it and nothing else', async () => {
      await t.http().get('/metrics').expect(404);
      await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
      const text = await scrape();
      expect(text).toContain('# HELP sj_outbox_lag_seconds ');
      expect(text).toContain('process_resident_memory_bytes');
      expect((await fetch(`${base}/graphql`)).status).toBe(404);
      expect((await fetch(`${base}/health/ready`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    });

    it('moves the business gauges and counters as the data changes', async () => {
      const admin = await t.loginAs(Role.COUNTY_ADMIN);
      const bank = await t.registerBank();
      const account = await openAccount(t, admin.token, bank.bankCode);
      await t.settle();
      const before = await scrape();
      const at = (text: string, name: string, labels: Record<string, string> = {}) => sample(text, name, labels) ?? 0;

      // Bank items by result: two accepted deposits, one rejected (unknown account), one duplicate.
      const deposit = (txnId: string, accountNo = account.accountNo) => ({
        accountNo,
        txnId,
        bookedAt: '2026-11-28T10:15:00+08:00',
        type: 'DEPOSIT',
        amount: '1500.00',
        currency: 'CNY',
        payerRef: 'p***1',
        lessonHours: 10,
        coverageMonths: 1,
        reversalOf: null,
        memo: 'fee',
      });
      await t
        .bankRequest(
          'POST',
          '/api/bank/v1/transactions',
          { transactions: [deposit('T-M-1'), deposit('T-M-2'), deposit('T-M-3', '6222000000000000000')] },
          bank,
        )
        .expect(200);
      await t.bankRequest('POST', '/api/bank/v1/transactions', { transactions: [deposit('T-M-1')] }, bank).expect(200);
      // A statement showing less than the custody required: SHORTFALL, whose follow-up task supervision opens.
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
      // A complaint from the public form.
      const complaint = await t.gql(
        SUBMIT,
        {
          input: {
            category: 'HOMEWORK_BURDEN',
            description: '三年级每天作业超过两小时',
            townshipCode: '520122001',
            contactPhone: '13900001111',
          },
        },
        undefined,
        {
          'X-Forwarded-For': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
        },
      );
      expect(complaint.errors).toBeUndefined();
      await t.settle();

      const after = await scrape();
      const delta = (name: string, labels: Record<string, string> = {}) =>
        at(after, name, labels) - at(before, name, labels);
      expect(delta('sj_bank_items_total', { kind: 'transaction', result: 'ACCEPTED', code: '' })).toBe(2);
      expect(delta('sj_bank_items_total', { kind: 'transaction', result: 'REJECTED', code: 'ACCOUNT_NOT_FOUND' })).toBe(
        1,
      );
      expect(delta('sj_bank_items_total', { kind: 'transaction', result: 'DUPLICATE', code: '' })).toBe(1);
      expect(delta('sj_bank_items_total', { kind: 'statement', result: 'ACCEPTED', code: '' })).toBe(1);
      const [{ n: shortfalls }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM escrow_alert WHERE account_id = $1 AND type = 'SHORTFALL' AND status = 'OPEN'`,
        [account.id],
      )) as [{ n: number }];
      expect(shortfalls).toBe(1);
      expect(delta('sj_escrow_alerts_raised_total', { type: 'SHORTFALL' })).toBe(1);
      expect(delta('sj_escrow_alerts_open', { type: 'SHORTFALL' })).toBe(1);
      expect(sample(after, 'sj_escrow_alerts_open', { type: 'STALE_REPORT' })).toBe(0); // every type is reported, 0 included
      const [{ n: tasks }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM supervision_task WHERE status = 'ASSIGNED'`,
      )) as [{ n: number }];
      expect(at(after, 'sj_supervision_tasks_open', { status: 'ASSIGNED' })).toBe(tasks);
      const [{ n: opened }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM supervision_task WHERE institution_id = $1 AND status = 'ASSIGNED'`,
        [account.institution.id],
      )) as [{ n: number }];
      expect(opened).toBeGreaterThanOrEqual(1); // the SHORTFALL follow-up at least
      expect(delta('sj_supervision_tasks_open', { status: 'ASSIGNED' })).toBe(opened);
      expect(delta('sj_complaints_open', { status: 'RECEIVED' })).toBe(1);
      expect(at(after, 'sj_outbox_backlog')).toBe(0); // settled: everything relayed
      expect(at(after, 'sj_outbox_lag_seconds')).toBe(0);

      // Two months later the task and the complaint are past their deadlines.
      const overdueBefore = {
        tasks: at(after, 'sj_supervision_tasks_overdue', { status: 'ASSIGNED' }),
        complaints: at(after, 'sj_complaints_overdue', { status: 'RECEIVED' }),
      };
      clock.advanceDays(60);
      const later = await scrape();
      expect(at(later, 'sj_supervision_tasks_overdue', { status: 'ASSIGNED' })).toBe(
        at(later, 'sj_supervision_tasks_open', { status: 'ASSIGNED' }),
      );
      expect(at(later, 'sj_supervision_tasks_overdue', { status: 'ASSIGNED' })).toBeGreaterThan(overdueBefore.tasks);
      expect(at(later, 'sj_complaints_overdue', { status: 'RECEIVED' })).toBe(overdueBefore.complaints + 1);
    });

    it('counts the deliveries waiting in the failed set', async () => {
      const queue = 'events.metrics_probe';
      const before = sample(await scrape(), 'sj_event_deliveries_failed', { queue }) ?? 0;
      const officer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
      const admin = await t.loginAs(Role.COUNTY_ADMIN);
      const res = await t.gql(
        `mutation($id: ID!) { disableUser(input: { userId: $id }) { id } }`,
        { id: officer.id },
        admin.token,
      );
      expect(res.errors).toBeUndefined();
      await waitFor(async () => (sample(await scrape(), 'sj_event_deliveries_failed', { queue }) ?? 0) === before + 1, {
        what: 'the failed delivery to be counted',
      });
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
    });
    afterAll(() => t?.close());

    it('serves /metrics on the API port to the bearer of the token only', async () => {
      const anonymous = await t.http().get('/metrics').expect(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
      await t
        .http()
        .get('/metrics')
        .set('Authorization', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`)
        .expect(401);
      const admin = await t.loginAs(Role.COUNTY_ADMIN);
      await t.http().get('/metrics').set('Authorization', `Bearer ${admin.token}`).expect(401); // a staff login is not the token
      const ok = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(ok.text).toContain('# HELP sj_bank_items_total ');
    });
  });
});
