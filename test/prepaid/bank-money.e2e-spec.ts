import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { BankMoneySubscriber, contractCodeHash } from '../../src/modules/prepaid';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainEvent } from '../../src/platform/events';
import { TestBankKey } from '../factories/identity.factory';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const CODE1 = 'KAQX4MHAR9TD3WNC';
const CODE2 = 'PQRT9XYA3CDE4FGH';

/**
 * escrow.transactions.posted as the worker delivers it to prepaid.bank-money: v2 (one event per bank batch,
 * published by the real ingest) with its deposits matched set-wise exactly as one by one in batch order, and
 * v1 (one event per batch and account) still processed when an outbox filled before the upgrade holds one.
 */
describe('prepaid: bank money events (escrow.transactions.posted v2 and v1)', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-29T03:00:00Z');
  let admin: LoggedIn;
  let bank: TestBankKey;
  let a: TestAccount;
  let b: TestAccount;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
    a = await openAccount(t, admin.token, bank.bankCode);
    b = await openAccount(t, admin.token, bank.bankCode);
  });
  afterAll(() => t?.close());

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(sql, params) as Promise<T[]>;

  /** A contract of the account's institution as the contract service stores it (code: printed code). */
  async function contract(account: TestAccount, totalFen: number, code: string | null = null): Promise<string> {
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
       VALUES ($1, $2, $3, $4, $5, 'x', 'x', 'x', 'h', 'h', 20, 60, 15000, $6, '2026-11-01', '2027-01-31', 'ESCROW_ACCOUNT', $7, '按未消课时退费', 'INSTITUTION',
               now() + ($8 || ' milliseconds')::interval, 'test')
       RETURNING id`,
      [
        contractCodeHash(t.app.get<AppConfig>(APP_CONFIG).security.piiHashKey, code ?? `TEST${randomUUID()}`),
        inst.id,
        inst.townshipCode,
        inst.competentDepartmentCode,
        course.id,
        totalFen,
        account.id,
        String(++seq),
      ],
    );
    return c.id;
  }

  const item = (account: TestAccount, amount: string, over: Record<string, unknown> = {}) => ({
    accountNo: account.accountNo,
    txnId: `BM${Date.now().toString(36)}${++seq}`,
    bookedAt: '2026-11-28T10:15:00+08:00',
    type: 'DEPOSIT',
    amount,
    currency: 'CNY',
    payerRef: `p***${seq}`,
    ...over,
  });
  const deposits = async (txnIds: string[]) => {
    const rows = await q<{ txn_id: string; contract_id: string | null; matched_by: string | null }>(
      `SELECT txn_id, contract_id, matched_by FROM prepaid_deposit WHERE txn_id = ANY($1)`,
      [txnIds],
    );
    return txnIds.map((id) => {
      const r = rows.find((x) => x.txn_id === id);
      return r ? { contract: r.contract_id, by: r.matched_by } : undefined;
    });
  };

  it('v2 from the ingest: one event for the batch; deposits matched in batch order, each contract once', async () => {
    const c1 = await contract(a, 300_000, CODE1);
    const [c2, c3] = [await contract(a, 100_000, CODE2), await contract(a, 100_000)];
    const c4 = await contract(b, 50_000);
    const batch = [
      item(a, '3000.00', { contractRef: 'KAQX-4MHA-R9TD-3WNC' }), // c1 by its code
      item(a, '1000.00'), // c2 and c3 both fit: left to an officer
      item(b, '500.00'), // c4, the one contract of b with that total
      item(a, '1000.00', { contractRef: 'PQRT-9XYA-3CDE-4FGH' }), // c2 by its code …
      item(a, '1000.00'), // … so c3 is the one left with that total
      item(b, '500.00'), // c4 taken by the first: none left
      item(a, '7.00', { type: 'INTEREST', payerRef: null }), // not money for prepaid
    ];
    const answer = await t.bankRequest('POST', '/api/bank/v1/transactions', { transactions: batch }, bank).expect(200);
    expect(answer.body.results.filter((r: { status: string }) => r.status !== 'ACCEPTED')).toEqual([]);
    const outbox = await q<{ event_id: string; version: number; payload: { accounts: { accountId: string }[] } }>(
      `SELECT event_id, version, payload FROM outbox WHERE name = 'escrow.transactions.posted'`,
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0].version).toBe(2);
    expect(outbox[0].payload.accounts.map((x) => x.accountId)).toEqual([a.id, b.id]);
    await t.settle();

    const ids = batch.map((x) => x.txnId);
    expect(await deposits(ids)).toEqual([
      { contract: c1, by: 'CONTRACT_REF' },
      { contract: null, by: null },
      { contract: c4, by: 'PAYER_AMOUNT' },
      { contract: c2, by: 'CONTRACT_REF' },
      { contract: c3, by: 'PAYER_AMOUNT' },
      { contract: null, by: null },
      undefined,
    ]);
    const contracts = await q<{ id: string; matched_payer_ref: string }>(
      `SELECT id, matched_payer_ref FROM prepaid_contract WHERE id = ANY($1)`,
      [[c1, c2, c3, c4]],
    );
    expect(Object.fromEntries(contracts.map((c) => [c.id, c.matched_payer_ref]))).toEqual({
      [c1]: batch[0].payerRef,
      [c2]: batch[3].payerRef,
      [c3]: batch[4].payerRef,
      [c4]: batch[2].payerRef,
    });
    const matched = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'prepaid.deposit.matched' AND payload->>'txnId' = ANY($1)`,
      [ids],
    );
    expect(matched[0].n).toBe(4);
    const audited = await q<{ entity_id: string }>(
      `SELECT entity_id FROM audit_log WHERE action = 'prepaid.deposit.matched' AND summary->>'txnId' = ANY($1) ORDER BY entity_id`,
      [ids],
    );
    expect(audited.map((r) => r.entity_id)).toEqual([c1, c2, c3, c4].sort());

    // Handed to the subscriber once more (a redelivery past the processed mark): nothing changes twice.
    const [row] = await q<{ event_id: string; payload: unknown; occurred_at: Date }>(
      `SELECT event_id, payload, occurred_at FROM outbox WHERE event_id = $1`,
      [outbox[0].event_id],
    );
    const again = {
      eventId: row.event_id,
      name: 'escrow.transactions.posted',
      version: 2,
      occurredAt: new Date(row.occurred_at).toISOString(),
      requestId: null,
      payload: row.payload,
    } as DomainEvent<'escrow.transactions.posted'>;
    await t.dataSource.transaction((em: EntityManager) => t.app.get(BankMoneySubscriber).onPosted(again, em));
    expect(await deposits(ids)).toEqual([
      { contract: c1, by: 'CONTRACT_REF' },
      { contract: null, by: null },
      { contract: c4, by: 'PAYER_AMOUNT' },
      { contract: c2, by: 'CONTRACT_REF' },
      { contract: c3, by: 'PAYER_AMOUNT' },
      { contract: null, by: null },
      undefined,
    ]);
    const matchedAfter = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'prepaid.deposit.matched' AND payload->>'txnId' = ANY($1)`,
      [ids],
    );
    expect(matchedAfter[0].n).toBe(4);
  });

  it('a contract an earlier deposit took by amount is gone for the deposit naming its code, which falls back to amount', async () => {
    const named = await contract(b, 11_100, 'ACDEFGHJKMNPQRTU');
    const other = await contract(b, 22_200);
    const batch = [item(b, '111.00'), item(b, '222.00', { contractRef: 'ACDE-FGHJ-KMNP-QRTU' })];
    const answer = await t.bankRequest('POST', '/api/bank/v1/transactions', { transactions: batch }, bank).expect(200);
    expect(answer.body.accepted).toBe(2);
    await t.settle();
    expect(await deposits(batch.map((x) => x.txnId))).toEqual([
      { contract: named, by: 'PAYER_AMOUNT' },
      { contract: other, by: 'PAYER_AMOUNT' },
    ]);
  });

  it('v1 (one account per event, left in the outbox by the build before) is still delivered and processed', async () => {
    const c5 = await contract(b, 70_000);
    const txnId = `V1-${randomUUID()}`;
    const payload = {
      accountId: b.id,
      institutionId: b.institution.id,
      bankCode: bank.bankCode,
      townshipCode: b.institution.townshipCode,
      items: [
        {
          txnId,
          type: 'DEPOSIT',
          amountFen: '70000',
          bookedAt: '2026-11-28T02:15:00.000Z',
          payerRef: 'p***v1',
          contractRef: null,
          reversalOf: null,
        },
      ],
    };
    await q(
      `INSERT INTO outbox (event_id, name, version, payload, occurred_at) VALUES ($1, 'escrow.transactions.posted', 1, $2, now())`,
      [randomUUID(), JSON.stringify(payload)],
    );
    await q(`SELECT pg_notify('sj_outbox', '')`);
    await t.settle();
    expect(await deposits([txnId])).toEqual([{ contract: c5, by: 'PAYER_AMOUNT' }]);
    const [c] = await q<{ matched_payer_ref: string }>(`SELECT matched_payer_ref FROM prepaid_contract WHERE id = $1`, [
      c5,
    ]);
    expect(c.matched_payer_ref).toBe('p***v1');
  });
});
