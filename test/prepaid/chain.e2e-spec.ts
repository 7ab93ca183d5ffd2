import { AutoConfirmTask, PrepaidFacade, RefundSweep, ReleaseTask } from '../../src/modules/prepaid';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestApp, startTestApp } from '../support/test-app';
import { PrepaidWorld, STRICT, at, prepaidWorld } from './prepaid-world';

/**
 * The whole prepaid chain (一课一消, issue #20) through the real entry points, on the fixed clock across
 * 中秋节 (25–27 September 2026) and 国庆节 (1–7 October), both public holidays of the seeded calendar, and
 * Saturday 10 October, an adjusted workday the county office adds through GraphQL:
 * the institution administrator (logged in) registers a contract → the bank posts the DEPOSIT with the
 * contract code (signed REST) and it is matched → lessons recorded → the parent confirms some, the rest are
 * confirmed automatically on their 15th working day → the release task → RELEASE listed to the bank that
 * asks for payment actions → the bank acknowledges and posts the RELEASE → the release is executed → the
 * parent asks for a refund → 5 working days of silence → REFUND instruction → acknowledged and posted → the
 * refund EXECUTED and the contract REFUNDED; custody + released + refunded = deposits at the end.
 */
describe('prepaid: the whole chain through the real entry points', () => {
  let t: TestApp;
  const clock = new FixedClock(at('2026-09-21')); // Monday 21 September
  let w: PrepaidWorld;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await prepaidWorld(t);
    await w.gql(
      `mutation($i: CalendarPeriodInput!) { setCalendarPeriod(input: $i) { id } }`,
      { i: { kind: 'ADJUSTED_WORKDAY', name: '国庆调休', startDate: '2026-10-10', endDate: '2026-10-10' } },
      w.staff(),
    );
  });
  afterAll(() => t?.close());

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(sql, params) as Promise<T[]>;
  const contractView = async (id: string) =>
    (
      await w.gql<{ prepaidContract: Record<string, unknown> }>(
        `query($id: ID!) { prepaidContract(id: $id) { id status depositMatched lessonsTaught lessonsConfirmed lessonsLeft released refunded
           lessons { id taughtOn status confirmDueOn confirmedBy } } }`,
        { id },
        w.inst(),
      )
    ).prepaidContract;

  it('contract → deposit → lessons → confirmations → release → refund by silence → REFUND closes it', async () => {
    // 1. The institution administrator registers the contract: 20 lessons at 150.00 = 3,000.00.
    const registered = await w.gql<{
      registerPrepaidContract: { contractCode: string; contract: { id: string; total: string; status: string } };
    }>(
      `mutation($i: RegisterPrepaidContractInput!) { registerPrepaidContract(input: $i) { contractCode contract { id total status } } }`,
      {
        i: {
          courseId: w.courseId,
          studentName: '李小红',
          payerName: '李大红',
          payerPhone: '13900005678',
          lessonsBought: 20,
          pricePerLesson: '150.00',
          periodStart: '2026-09-21',
          periodEnd: '2026-12-20',
          paymentRoute: 'ESCROW_ACCOUNT',
          paymentMethod: 'BANK_TRANSFER',
          refundTerms: '未消课时按合同单价全额退还',
        },
      },
      w.inst(),
    );
    const { contractCode, contract } = registered.registerPrepaidContract;
    expect(contract).toMatchObject({ total: '3000.00', status: 'ACTIVE' });
    const id = contract.id;

    // 2. The bank posts the family's DEPOSIT naming the printed code; its own txnId is not a UUID.
    await w.post([
      { txnId: 'B20260921000001', type: 'DEPOSIT', amount: '3000.00', payerRef: 'li***78', contractRef: contractCode },
    ]);
    expect(await contractView(id)).toMatchObject({ depositMatched: true });
    expect(await q(`SELECT matched_txn_id, matched_payer_ref FROM prepaid_contract WHERE id = $1`, [id])).toEqual([
      { matched_txn_id: 'B20260921000001', matched_payer_ref: 'li***78' },
    ]);
    expect(await q(`SELECT txn_id, matched_by FROM prepaid_deposit WHERE contract_id = $1`, [id])).toEqual([
      { txn_id: 'B20260921000001', matched_by: 'CONTRACT_REF' },
    ]);

    // 3. Lessons taught on Monday 21, Wednesday 23, Monday 28 and Wednesday 30 September, recorded on the 30th.
    clock.set(at('2026-09-30'));
    const lessonIds: Record<string, string> = {};
    for (const taughtOn of ['2026-09-21', '2026-09-23', '2026-09-28', '2026-09-30']) {
      const rec = await w.gql<{ recordPrepaidLessons: { id: string; confirmDueOn: string } }>(
        `mutation($i: RecordPrepaidLessonsInput!) { recordPrepaidLessons(input: $i) { id confirmDueOn } }`,
        { i: { contractId: id, taughtOn, lessons: 1 } },
        w.inst(),
      );
      lessonIds[taughtOn] = rec.recordPrepaidLessons.id;
    }
    // The 15th working day: 中秋节 and 国庆节 do not count, Saturday 10 October does.
    const view = await contractView(id);
    expect(
      (view.lessons as { taughtOn: string; confirmDueOn: string }[]).map((l) => [l.taughtOn, l.confirmDueOn]),
    ).toEqual([
      ['2026-09-21', '2026-10-19'],
      ['2026-09-23', '2026-10-21'],
      ['2026-09-28', '2026-10-23'],
      ['2026-09-30', '2026-10-27'],
    ]);
    expect(view).toMatchObject({ lessonsTaught: 4, lessonsConfirmed: 0, lessonsLeft: 16 });

    // 4. The parent confirms the first two (the parent side proves the code; here the facade is called).
    clock.set(at('2026-10-08'));
    const confirmed = await t.app
      .get(PrepaidFacade)
      .confirmLessons(id, [lessonIds['2026-09-21'], lessonIds['2026-09-23']]);
    expect(confirmed.map((l) => l.confirmedBy)).toEqual(['PARENT', 'PARENT']);

    // 5. The rest are confirmed automatically on their 15th working day, not a day before.
    const autoConfirm = t.app.get(AutoConfirmTask);
    clock.set(at('2026-10-22'));
    expect(await autoConfirm.run(clock.now())).toBe(0);
    clock.set(at('2026-10-23'));
    expect(await autoConfirm.run(clock.now())).toBe(1);
    expect(await autoConfirm.run(clock.now())).toBe(0); // idempotent
    clock.set(at('2026-10-26'));
    expect(await autoConfirm.run(clock.now())).toBe(0);
    clock.set(at('2026-10-27'));
    expect(await autoConfirm.run(clock.now())).toBe(1);
    await t.settle();
    const afterAuto = await contractView(id);
    expect(afterAuto).toMatchObject({ lessonsConfirmed: 4, lessonsLeft: 16 });
    expect((afterAuto.lessons as { confirmedBy: string }[]).map((l) => l.confirmedBy)).toEqual([
      'PARENT',
      'PARENT',
      'AUTO',
      'AUTO',
    ]);

    // 6. The release task: 4 confirmed lessons × 150.00 become one RELEASE instruction for the account.
    expect(await t.app.get(ReleaseTask).run(clock.now())).toEqual({ instructed: 1, skipped: 0 });
    expect(await t.app.get(ReleaseTask).run(clock.now())).toEqual({ instructed: 0, skipped: 0 });
    await t.settle();
    expect((await w.pending(STRICT)).filter((i) => i.action === 'RELEASE')).toEqual([]); // a strict v1 client
    const [release] = (await w.pending()).filter((i) => i.action === 'RELEASE');
    expect(release).toMatchObject({ amount: '600.00', contractIds: [id] });

    // 7. The bank executes it and posts the RELEASE; the release is executed, no alert.
    await w.ack(release.id);
    await w.post([{ txnId: 'B20261027000002', type: 'RELEASE', amount: '600.00' }]);
    const releases = await w.gql<{
      prepaidReleases: { edges: { node: { amount: string; status: string; contractIds: string[] } }[] };
    }>(`query { prepaidReleases { edges { node { amount status contractIds } } } }`, {}, w.staff());
    expect(releases.prepaidReleases.edges.map((e) => e.node)).toEqual([
      { amount: '600.00', status: 'EXECUTED', contractIds: [id] },
    ]);
    expect(await q(`SELECT type FROM escrow_alert WHERE type = 'RELEASE_OVER_RELEASABLE'`)).toEqual([]);

    // 8. The parent asks for a refund on Tuesday 27 October: the 16 lessons not taught, 2,400.00.
    const refund = await t.app.get(PrepaidFacade).requestRefund(id);
    expect(refund).toMatchObject({ lessonsRefunded: 16, amountFen: 240_000n, answerDueOn: '2026-11-03' });
    expect(await contractView(id)).toMatchObject({ status: 'REFUNDING' });

    // 9. The institution stays silent for 5 working days: approved by silence the day after, and instructed.
    const sweep = t.app.get(RefundSweep);
    clock.set(at('2026-11-03'));
    expect((await sweep.run(clock.now())).approved).toBe(0);
    clock.set(at('2026-11-04'));
    expect((await sweep.run(clock.now())).approved).toBe(1);
    await t.settle();
    const refunds = await w.gql<{
      prepaidRefunds: { edges: { node: { id: string; status: string; approvedBy: string; amount: string } }[] };
    }>(`query { prepaidRefunds { edges { node { id status approvedBy amount } } } }`, {}, w.inst());
    expect(refunds.prepaidRefunds.edges.map((e) => e.node)).toEqual([
      { id: refund.id, status: 'INSTRUCTED', approvedBy: 'SILENCE', amount: '2400.00' },
    ]);
    const [refundInstruction] = (await w.pending()).filter((i) => i.action === 'REFUND');
    expect(refundInstruction).toMatchObject({ amount: '2400.00', contractIds: [id], payeeRef: 'li***78' });

    // 10. The bank executes the refund and posts it: the case is EXECUTED, the contract REFUNDED.
    await w.ack(refundInstruction.id);
    await w.post([{ txnId: 'B20261104000003', type: 'REFUND', amount: '2400.00', payerRef: 'li***78' }]);
    expect(await q(`SELECT status, executed_txn_id FROM prepaid_refund WHERE id = $1`, [refund.id])).toEqual([
      { status: 'EXECUTED', executed_txn_id: 'B20261104000003' },
    ]);
    expect(await contractView(id)).toMatchObject({ status: 'REFUNDED', released: '600.00', refunded: '2400.00' });

    // The money invariants: custody + released + refunded = deposits, for the contract and the account.
    const [money] = await q<{ custody: string; deposits: string; released: string; refunded: string }>(
      `SELECT a.required_custody_fen::text AS custody,
              (SELECT sum(amount_fen) FROM prepaid_deposit d WHERE d.account_id = a.id)::text AS deposits,
              (SELECT sum(amount_fen) FROM prepaid_release r WHERE r.account_id = a.id AND r.status = 'EXECUTED')::text AS released,
              (SELECT sum(amount_fen) FROM prepaid_refund f WHERE f.institution_id = a.institution_id AND f.status = 'EXECUTED')::text AS refunded
       FROM escrow_account a WHERE a.id = $1`,
      [w.account.id],
    );
    expect(money).toEqual({ custody: '0', deposits: '300000', released: '60000', refunded: '240000' });
    expect(BigInt(money.custody) + BigInt(money.released) + BigInt(money.refunded)).toBe(BigInt(money.deposits));
    const [c] = await q<{ total_fen: string; released_fen: string; refunded_fen: string }>(
      `SELECT total_fen::text, released_fen::text, refunded_fen::text FROM prepaid_contract WHERE id = $1`,
      [id],
    );
    expect(BigInt(c.released_fen) + BigInt(c.refunded_fen)).toBe(BigInt(c.total_fen));
    // Every step published and audited.
    const events = await q<{ name: string }>(
      `SELECT DISTINCT name FROM outbox WHERE name LIKE 'prepaid.%' ORDER BY name`,
    );
    expect(events.map((e) => e.name)).toEqual([
      'prepaid.contract.registered',
      'prepaid.deposit.matched',
      'prepaid.lesson.confirmed',
      'prepaid.lesson.recorded',
      'prepaid.refund.approved',
      'prepaid.refund.executed',
      'prepaid.refund.instructed',
      'prepaid.refund.requested',
      'prepaid.release.executed',
      'prepaid.release.instructed',
    ]);
  });
});
