import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  BankMoneySubscriber,
  PrepaidFacade,
  RefundSweep,
  ReleaseTask,
  contractCodeHash,
} from '../../src/modules/prepaid';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainEvent } from '../../src/platform/events';
import { TestBankKey } from '../factories/identity.factory';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const PAYMENTS = '/api/bank/v1/instructions?status=PENDING&actions=FREEZE,UNFREEZE,RELEASE,REFUND';
const CODE = 'KAQX4MHAR9TD3WNC';

/**
 * The money chain of a prepaid contract (一课一消) on the fixed clock, across 国庆节 (1–7 October 2026, a
 * public holiday) and Saturday 10 October (an adjusted workday): deposit matched by its contract code →
 * lessons confirmed → release instruction → the bank acknowledges and posts the RELEASE → the parent asks
 * for a refund → 5 working days of silence → REFUND instruction → the bank's REFUND closes it; and an
 * unpaid refund becoming overdue with its alert. Contracts and lessons are written as the contract and
 * lesson services store them (those services come with the P-core work); the bank's posted-transactions
 * event is delivered to the subscriber as the ingest publishes it.
 */
describe('prepaid: deposits, releases and refunds', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-09-28T02:00:00Z'); // Monday 28 September, 10:00 CST
  let admin: LoggedIn;
  let bank: TestBankKey;
  let account: TestAccount;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
    account = await openAccount(t, admin.token, bank.bankCode);
    await t.dataSource.query(
      `INSERT INTO calendar_period (kind, name, start_date, end_date) VALUES ('ADJUSTED_WORKDAY', '国庆调休', '2026-10-10', '2026-10-10')`,
    );
  });
  afterAll(() => t?.close());

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(sql, params) as Promise<T[]>;

  async function contract(totalFen: number, code: string | null = null): Promise<string> {
    const inst = account.institution;
    const [course] = await q<{ id: string }>(
      `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen, term_start, term_end, weekly_slots, created_at)
       VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 15000, '2026-09-01', '2027-01-31', '[]', now()) RETURNING id`,
      [inst.id],
    );
    const [c] = await q<{ id: string }>(
      `INSERT INTO prepaid_contract (contract_code_hash, institution_id, township_code, competent_department_code, course_id,
         student_name_enc, payer_name_enc, payer_phone_enc, payer_phone_last4_hash, payer_hash, lessons_bought, lesson_minutes,
         price_per_lesson_fen, total_fen, period_start, period_end, payment_route, escrow_account_id, refund_terms, source,
         created_at, created_by_name)
       VALUES ($1, $2, $3, $4, $5, 'x', 'x', 'x', 'h', 'h', 20, 60, 15000, $6, '2026-09-28', '2026-12-27', 'ESCROW_ACCOUNT', $7, '按未消课时退费', 'INSTITUTION', now(), 'test')
       RETURNING id`,
      [
        contractCodeHash(t.app.get<AppConfig>(APP_CONFIG).security.piiHashKey, code ?? `TEST${++seq}`),
        inst.id,
        inst.townshipCode,
        inst.competentDepartmentCode,
        course.id,
        totalFen,
        account.id,
      ],
    );
    return c.id;
  }

  /** What the ingest publishes for a batch: delivered to the subscriber in a transaction, as the worker does. */
  async function posted(
    items: { type: 'DEPOSIT' | 'RELEASE' | 'REFUND'; amount: number; payerRef?: string; contractRef?: string }[],
  ) {
    const event = {
      name: 'escrow.transactions.posted',
      version: 2,
      occurredAt: clock.now().toISOString(),
      payload: {
        bankCode: bank.bankCode,
        batchId: randomUUID(),
        accounts: [
          {
            accountId: account.id,
            institutionId: account.institution.id,
            townshipCode: account.institution.townshipCode,
            items: items.map((i) => ({
              txnId: `T-${++seq}`,
              type: i.type,
              amountFen: String(i.amount),
              bookedAt: clock.now().toISOString(),
              payerRef: i.payerRef ?? null,
              contractRef: i.contractRef ?? null,
              reversalOf: null,
            })),
          },
        ],
      },
    } as unknown as DomainEvent<'escrow.transactions.posted'>;
    await t.dataSource.transaction((em: EntityManager) => t.app.get(BankMoneySubscriber).onPosted(event, em));
    return event.payload.accounts[0].items.map((i) => i.txnId);
  }

  async function lessons(contractId: string, taught: number, confirmed: number) {
    await q(`UPDATE prepaid_contract SET lessons_taught = $2, lessons_confirmed = $3 WHERE id = $1`, [
      contractId,
      taught,
      confirmed,
    ]);
  }

  const row = async (contractId: string) =>
    (
      await q<{ released_fen: string; refunded_fen: string; status: string; matched_payer_ref: string | null }>(
        `SELECT released_fen::text, refunded_fen::text, status, matched_payer_ref FROM prepaid_contract WHERE id = $1`,
        [contractId],
      )
    )[0];
  const pending = async () =>
    (await t.bankRequest('GET', PAYMENTS, undefined, bank).expect(200)).body.instructions as {
      id: string;
      action: string;
      amount: string;
      contractIds: string[];
      payeeRef?: string;
    }[];
  const ack = (id: string) =>
    t
      .bankRequest(
        'POST',
        `/api/bank/v1/instructions/${id}/ack`,
        { outcome: 'EXECUTED', executedAt: clock.now().toISOString() },
        bank,
      )
      .expect(200);

  it('contract → deposit matched → lessons → release → bank RELEASE → parent refund → silence → REFUND → bank REFUND closes it', async () => {
    const a = await contract(300_000, CODE);
    // the deposit carries the printed code (with its hyphens); matched, payee kept
    await posted([{ type: 'DEPOSIT', amount: 300_000, payerRef: 'p***1', contractRef: 'KAQX-4MHA-R9TD-3WNC' }]);
    expect(await row(a)).toMatchObject({ matched_payer_ref: 'p***1' });
    const [matched] = await q(`SELECT matched_by FROM prepaid_deposit WHERE contract_id = $1`, [a]);
    expect(matched.matched_by).toBe('CONTRACT_REF');

    // 8 lessons taught: 3 confirmed by the parent, 5 automatically; the daily release instructs 8 × 150.00
    await lessons(a, 8, 8);
    clock.set('2026-09-29T02:00:00Z');
    expect(await t.app.get(ReleaseTask).run(clock.now())).toEqual({ instructed: 1, skipped: 0 });
    expect(await t.app.get(ReleaseTask).run(clock.now())).toEqual({ instructed: 0, skipped: 0 }); // nothing twice
    const [release] = (await pending()).filter((i) => i.action === 'RELEASE');
    expect(release).toMatchObject({ amount: '1200.00', contractIds: [a] });
    expect((await row(a)).released_fen).toBe('120000');
    // a strict v1 client does not see it
    const strict = await t.bankRequest('GET', '/api/bank/v1/instructions', undefined, bank).expect(200);
    expect(strict.body.instructions).toEqual([]);
    await ack(release.id);
    await posted([{ type: 'RELEASE', amount: 120_000 }]);
    expect(await q(`SELECT status FROM prepaid_release WHERE instruction_id = $1`, [release.id])).toEqual([
      { status: 'EXECUTED' },
    ]);
    // a release nobody earned raises RELEASE_OVER_RELEASABLE
    await posted([{ type: 'RELEASE', amount: 50_000 }]);
    const over = await q(
      `SELECT type, details FROM escrow_alert WHERE account_id = $1 AND type = 'RELEASE_OVER_RELEASABLE'`,
      [account.id],
    );
    expect(over).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ release: '500.00', beyond: '500.00' }) }),
    ]);

    // the parent asks on Tuesday 29 September: 5 working days skip 国庆节 and count Saturday 10 October
    const refund = await t.app.get(PrepaidFacade).requestRefund(a);
    expect(refund).toMatchObject({
      lessonsRefunded: 12,
      amountFen: 180_000n,
      answerDueOn: '2026-10-12',
      status: 'REQUESTED',
    });
    expect((await row(a)).status).toBe('REFUNDING');
    const sweep = t.app.get(RefundSweep);
    clock.set('2026-10-12T08:00:00Z'); // the last day to answer
    expect((await sweep.run(clock.now())).approved).toBe(0);
    clock.set('2026-10-13T01:00:00Z');
    expect((await sweep.run(clock.now())).approved).toBe(1);
    const [r] = await q<{ status: string; approved_by: string; execution_due_on: string; instruction_id: string }>(
      `SELECT status, approved_by, execution_due_on::text, instruction_id FROM prepaid_refund WHERE id = $1`,
      [refund.id],
    );
    expect(r).toMatchObject({ status: 'INSTRUCTED', approved_by: 'SILENCE', execution_due_on: '2026-10-27' });
    const refundInstruction = (await pending()).find((i) => i.id === r.instruction_id);
    expect(refundInstruction).toMatchObject({
      action: 'REFUND',
      amount: '1800.00',
      contractIds: [a],
      payeeRef: 'p***1',
    });
    await ack(r.instruction_id);
    await posted([{ type: 'REFUND', amount: 180_000, payerRef: 'p***1' }]);
    expect((await q(`SELECT status FROM prepaid_refund WHERE id = $1`, [refund.id]))[0].status).toBe('EXECUTED');
    expect(await row(a)).toMatchObject({ status: 'REFUNDED', refunded_fen: '180000', released_fen: '120000' });
    // released + refunded = the deposit; every step audited and published
    for (const action of [
      'prepaid.refund.requested',
      'prepaid.refund.approved',
      'prepaid.refund.instructed',
      'prepaid.refund.executed',
    ])
      expect(
        (
          await q(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = $2`, [refund.id, action])
        )[0].n,
      ).toBe(1);
    expect(
      (
        await q(
          `SELECT count(*)::int AS n FROM outbox WHERE name LIKE 'prepaid.refund.%' AND payload->>'refundId' = $1`,
          [refund.id],
        )
      )[0].n,
    ).toBe(4);
    const staff = await t.loginAs(Role.COUNTY_ADMIN); // a token at the clock's new time
    const listed = await t.gql<{
      prepaidRefunds: { edges: { node: { id: string; amount: string; status: string } }[] };
    }>(
      `query($f: PrepaidRefundFilter) { prepaidRefunds(filter: $f) { edges { node { id amount status } } } }`,
      { f: { contractId: a } },
      staff.token,
    );
    expect(listed.data?.prepaidRefunds.edges.map((e) => e.node)).toEqual([
      { id: refund.id, amount: '1800.00', status: 'EXECUTED' },
    ]);
  });

  it('a deposit matched by amount; staff register a refund; unpaid past its date: OVERDUE, REFUND_OVERDUE alert; an unmatched deposit alerts once', async () => {
    clock.set('2026-10-13T02:00:00Z');
    const staff = await t.loginAs(Role.COUNTY_ADMIN);
    const b = await contract(123_400);
    await posted([{ type: 'DEPOSIT', amount: 123_400, payerRef: 'p***2' }]);
    expect((await q(`SELECT matched_by FROM prepaid_deposit WHERE contract_id = $1`, [b]))[0].matched_by).toBe(
      'PAYER_AMOUNT',
    );
    const reg = await t.gql<{ registerPrepaidRefund: { id: string; amount: string; answerDueOn: string } }>(
      `mutation($i: RegisterPrepaidRefundInput!) { registerPrepaidRefund(input: $i) { id amount answerDueOn } }`,
      { i: { contractId: b, note: '家长来信' } },
      staff.token,
    );
    expect(reg.errors).toBeUndefined();
    const id = reg.data!.registerPrepaidRefund.id;
    const again = await t.gql(
      `mutation($i: RegisterPrepaidRefundInput!) { registerPrepaidRefund(input: $i) { id } }`,
      { i: { contractId: b } },
      staff.token,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONTRACT_NOT_REFUNDABLE');
    const sweep = t.app.get(RefundSweep);
    clock.set('2026-10-21T02:00:00Z');
    await sweep.run(clock.now());
    const [r] = await q<{ status: string; execution_due_on: string }>(
      `SELECT status, execution_due_on::text FROM prepaid_refund WHERE id = $1`,
      [id],
    );
    expect(r.status).toBe('INSTRUCTED');
    clock.set('2026-11-20T02:00:00Z');
    const swept = await sweep.run(clock.now());
    expect(swept.overdue).toBe(1);
    expect((await sweep.run(clock.now())).overdue).toBe(0);
    expect((await q(`SELECT status FROM prepaid_refund WHERE id = $1`, [id]))[0].status).toBe('OVERDUE');
    expect(
      await q(`SELECT type, subject_ref FROM escrow_alert WHERE type = 'REFUND_OVERDUE' AND subject_ref = $1`, [id]),
    ).toHaveLength(1);
    expect(
      (
        await q(
          `SELECT count(*)::int AS n FROM outbox WHERE name = 'escrow.alert.raised' AND payload->>'type' = 'REFUND_OVERDUE'`,
        )
      )[0].n,
    ).toBe(1);

    // a deposit no contract explains: alerted after 3 working days, once
    const [txn] = await posted([{ type: 'DEPOSIT', amount: 77_700, payerRef: 'p***3' }]);
    clock.set('2026-11-24T02:00:00Z');
    expect((await sweep.run(clock.now())).unmatched).toBe(0);
    clock.set('2026-11-26T02:00:00Z');
    expect((await sweep.run(clock.now())).unmatched).toBe(1);
    expect((await sweep.run(clock.now())).unmatched).toBe(0);
    expect(
      await q(`SELECT type FROM escrow_alert WHERE type = 'DEPOSIT_UNMATCHED' AND subject_ref = $1`, [txn]),
    ).toHaveLength(1);
  });
});
