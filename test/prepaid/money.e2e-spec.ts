import { PrepaidFacade, RefundSweep, ReleaseTask } from '../../src/modules/prepaid';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { PrepaidWorld, at, prepaidWorld } from './prepaid-world';

/**
 * The money side of prepaid contracts (一课一消) beyond the straight chain (chain.e2e-spec.ts), through the
 * real entry points on the fixed clock (国庆节 1–7 October 2026 does not count as working days): a deposit
 * matched by amount; a refund registered by staff and disputed by the institution (a complaint opens in the
 * same transaction); RELEASE and REFUND instructions the bank refuses (the release's money is releasable
 * again, the refund is instructed again against its first due date and becomes overdue); a release nobody
 * earned; a deposit no contract explains.
 */
describe('prepaid: deposits, disputes, refused instructions, alerts', () => {
  let t: TestApp;
  const clock = new FixedClock(at('2026-09-28')); // Monday 28 September
  let w: PrepaidWorld;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await prepaidWorld(t);
  });
  afterAll(() => t?.close());

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(sql, params) as Promise<T[]>;
  const refundOf = async (contractId: string) =>
    (
      await w.gql<{ prepaidRefunds: { edges: { node: Record<string, unknown> }[] } }>(
        `query($f: PrepaidRefundFilter) { prepaidRefunds(filter: $f) { edges { node { id status amount approvedBy
           instructionId executionDueOn complaintId refusedAt refusalNote } } } }`,
        { f: { contractId } },
        w.staff(),
      )
    ).prepaidRefunds.edges.map((e) => e.node);
  const answer = (refundId: string, approve: boolean, note: string) =>
    t.gql<{ answerPrepaidRefund: { id: string; status: string; complaintId: string | null } }>(
      `mutation($i: AnswerPrepaidRefundInput!) { answerPrepaidRefund(input: $i) { id status complaintId } }`,
      { i: { refundId, approve, note } },
      w.inst(),
    );

  it('a deposit matched by amount; staff register a refund; the institution disputes it and a complaint opens, linked', async () => {
    const b = await w.register({
      studentName: '张一',
      payerName: '张父',
      payerPhone: '13700000001',
      lessonsBought: 10,
      pricePerLesson: '123.40',
      periodStart: '2026-09-28',
      periodEnd: '2026-12-27',
    });
    await w.post([{ txnId: 'D-B-0001', type: 'DEPOSIT', amount: '1234.00', payerRef: 'zh***01' }]);
    expect(await q(`SELECT txn_id, matched_by FROM prepaid_deposit WHERE contract_id = $1`, [b.id])).toEqual([
      { txn_id: 'D-B-0001', matched_by: 'PAYER_AMOUNT' },
    ]);

    const reg = await w.gql<{ registerPrepaidRefund: { id: string; amount: string } }>(
      `mutation($i: RegisterPrepaidRefundInput!) { registerPrepaidRefund(input: $i) { id amount } }`,
      { i: { contractId: b.id, note: '家长来信' } },
      w.staff(),
    );
    expect(reg.registerPrepaidRefund.amount).toBe('1234.00');
    const refundId = reg.registerPrepaidRefund.id;
    const again = await t.gql(
      `mutation($i: RegisterPrepaidRefundInput!) { registerPrepaidRefund(input: $i) { id } }`,
      { i: { contractId: b.id } },
      w.staff(),
    );
    expectGqlError(again, 'CONTRACT_NOT_REFUNDABLE');

    const disputed = await answer(refundId, false, '家长已上课三次未登记');
    expect(disputed.errors).toBeUndefined();
    const complaintId = disputed.data!.answerPrepaidRefund.complaintId;
    expect(disputed.data!.answerPrepaidRefund).toMatchObject({ status: 'DISPUTED', complaintId: expect.any(String) });
    const [complaint] = await q<{ category: string; channel: string; institution_id: string; description: string }>(
      `SELECT category, channel, institution_id, description FROM complaint WHERE id = $1`,
      [complaintId],
    );
    expect(complaint).toMatchObject({
      category: 'PREPAID_FEE_REFUND',
      channel: 'LETTERS_VISITS', // the request arrived by letter
      institution_id: w.account.institution.id,
    });
    expect(complaint.description).toContain(b.id);
    expect(complaint.description).toContain('家长已上课三次未登记');
    const [event] = await q<{ payload: { complaintId: string } }>(
      `SELECT payload FROM outbox WHERE name = 'prepaid.refund.disputed' AND payload->>'refundId' = $1`,
      [refundId],
    );
    expect(event.payload.complaintId).toBe(complaintId);
    expect(
      await q(`SELECT summary->>'complaintId' AS c FROM audit_log WHERE action = 'prepaid.refund.disputed'`),
    ).toEqual([{ c: complaintId }]);
    // Answered once: a second answer is refused and changes nothing.
    expectGqlError(await answer(refundId, true, '同意'), 'REFUND_ALREADY_ANSWERED');
    expect((await refundOf(b.id))[0]).toMatchObject({ status: 'DISPUTED', complaintId });
  });

  it('a refused RELEASE is releasable again; a refused REFUND is instructed again and falls due on its first date', async () => {
    const c = await w.register({
      studentName: '王二',
      payerName: '王父',
      payerPhone: '13700000002',
      lessonsBought: 10,
      pricePerLesson: '100.00',
      periodStart: '2026-09-28',
      periodEnd: '2026-12-27',
    });
    await w.post([{ txnId: 'D-C-0001', type: 'DEPOSIT', amount: '1000.00', payerRef: 'wa***02', contractRef: c.code }]);
    clock.set(at('2026-09-30'));
    const lessons = [await w.record(c.id, '2026-09-28'), await w.record(c.id, '2026-09-30')];
    await t.app.get(PrepaidFacade).confirmLessons(c.id, lessons);

    // The release: refused by the bank, its 200.00 is releasable again and the next run instructs it again.
    const releaseTask = t.app.get(ReleaseTask);
    expect(await releaseTask.run(clock.now())).toEqual({ instructed: 1, skipped: 0 });
    const [first] = (await w.pending()).filter((i) => i.action === 'RELEASE');
    expect(first).toMatchObject({ amount: '200.00', contractIds: [c.id] });
    await w.ack(first.id, 'REFUSED', '账户核对中');
    expect(await q(`SELECT status, refusal_note FROM prepaid_release WHERE instruction_id = $1`, [first.id])).toEqual([
      { status: 'REFUSED', refusal_note: '账户核对中' },
    ]);
    expect(await q(`SELECT released_fen::text FROM prepaid_contract WHERE id = $1`, [c.id])).toEqual([
      { released_fen: '0' },
    ]);
    expect(await releaseTask.run(clock.now())).toEqual({ instructed: 1, skipped: 0 });
    const [second] = (await w.pending()).filter((i) => i.action === 'RELEASE');
    expect(second).toMatchObject({ amount: '200.00', contractIds: [c.id] });
    expect(second.id).not.toBe(first.id);
    await w.ack(second.id);
    await w.post([{ txnId: 'R-C-0001', type: 'RELEASE', amount: '200.00' }]);
    const releases = await w.gql<{ prepaidReleases: { edges: { node: { status: string; refusalNote: string } }[] } }>(
      `query { prepaidReleases { edges { node { status refusalNote } } } }`,
      {},
      w.staff(),
    );
    // Both were created at the same instant of the fixed clock: compared in status order.
    const byStatus = releases.prepaidReleases.edges.map((e) => e.node).sort((x, y) => x.status.localeCompare(y.status));
    expect(byStatus).toEqual([
      { status: 'EXECUTED', refusalNote: null },
      { status: 'REFUSED', refusalNote: '账户核对中' },
    ]);

    // A release nobody earned raises RELEASE_OVER_RELEASABLE.
    await w.post([{ txnId: 'R-X-0001', type: 'RELEASE', amount: '500.00' }]);
    const over = await q<{ details: Record<string, string> }>(
      `SELECT details FROM escrow_alert WHERE account_id = $1 AND type = 'RELEASE_OVER_RELEASABLE'`,
      [w.account.id],
    );
    expect(over).toEqual([{ details: expect.objectContaining({ release: '500.00', beyond: '500.00' }) }]);

    // The refund: approved by the institution and instructed, due 10 working days later (国庆节 not counted).
    const refund = await t.app.get(PrepaidFacade).requestRefund(c.id);
    expect(refund).toMatchObject({ lessonsRefunded: 8, amountFen: 80_000n });
    expect((await answer(refund.id, true, '同意退费')).data?.answerPrepaidRefund.status).toBe('INSTRUCTED');
    const [instructed] = await refundOf(c.id);
    expect(instructed).toMatchObject({ status: 'INSTRUCTED', approvedBy: 'INSTITUTION', executionDueOn: '2026-10-21' });
    const firstRefund = instructed.instructionId as string;

    // Refused by the bank: APPROVED again with its note; the sweep instructs it again, the due date unchanged.
    clock.set(at('2026-10-12'));
    await w.ack(firstRefund, 'REFUSED', '收款账户状态异常');
    expect((await refundOf(c.id))[0]).toMatchObject({
      status: 'APPROVED',
      instructionId: null,
      refusalNote: '收款账户状态异常',
      refusedAt: expect.any(String),
    });
    const sweep = t.app.get(RefundSweep);
    expect(await sweep.run(clock.now())).toMatchObject({ reinstructed: 1, overdue: 0 });
    expect(await sweep.run(clock.now())).toMatchObject({ reinstructed: 0 });
    const [again] = await refundOf(c.id);
    expect(again).toMatchObject({ status: 'INSTRUCTED', executionDueOn: '2026-10-21' });
    expect(again.instructionId).not.toBe(firstRefund);
    const [resent] = (await w.pending()).filter((i) => i.action === 'REFUND');
    expect(resent).toMatchObject({ id: again.instructionId, amount: '800.00', payeeRef: 'wa***02' });

    // Not paid by 21 October: OVERDUE and one REFUND_OVERDUE alert on the 22nd.
    clock.set(at('2026-10-21'));
    expect((await sweep.run(clock.now())).overdue).toBe(0);
    clock.set(at('2026-10-22'));
    expect((await sweep.run(clock.now())).overdue).toBe(1);
    expect((await sweep.run(clock.now())).overdue).toBe(0);
    expect(
      await q(`SELECT status FROM escrow_alert WHERE type = 'REFUND_OVERDUE' AND subject_ref = $1`, [refund.id]),
    ).toEqual([{ status: expect.not.stringMatching(/^RESOLVED$/) }]);

    // Paid late: the case closes, the alert is resolved, released + refunded = the deposit.
    await w.ack(resent.id);
    await w.post([{ txnId: 'F-C-0001', type: 'REFUND', amount: '800.00', payerRef: 'wa***02' }]);
    expect((await refundOf(c.id))[0]).toMatchObject({ status: 'EXECUTED' });
    expect(
      await q(`SELECT status FROM escrow_alert WHERE type = 'REFUND_OVERDUE' AND subject_ref = $1`, [refund.id]),
    ).toEqual([{ status: 'RESOLVED' }]);
    expect(
      await q(
        `SELECT status, total_fen::text, released_fen::text, refunded_fen::text FROM prepaid_contract WHERE id = $1`,
        [c.id],
      ),
    ).toEqual([{ status: 'REFUNDED', total_fen: '100000', released_fen: '20000', refunded_fen: '80000' }]);
    for (const name of ['prepaid.release.refused', 'prepaid.refund.refused'])
      expect(await q(`SELECT count(*)::int AS n FROM outbox WHERE name = $1`, [name])).toEqual([{ n: 1 }]);
  });

  it('a deposit no contract explains raises DEPOSIT_UNMATCHED after 3 working days, once', async () => {
    await w.post([{ txnId: 'D-U-0001', type: 'DEPOSIT', amount: '777.00', payerRef: 'un***03' }]);
    const sweep = t.app.get(RefundSweep);
    clock.set(at('2026-10-27'));
    expect((await sweep.run(clock.now())).unmatched).toBe(0);
    clock.set(at('2026-10-28'));
    expect((await sweep.run(clock.now())).unmatched).toBe(1);
    expect((await sweep.run(clock.now())).unmatched).toBe(0);
    expect(
      await q(`SELECT type FROM escrow_alert WHERE type = 'DEPOSIT_UNMATCHED' AND subject_ref = 'D-U-0001'`),
    ).toEqual([{ type: 'DEPOSIT_UNMATCHED' }]);
  });
});
