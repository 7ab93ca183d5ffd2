import { randomUUID } from 'node:crypto';
import { EscrowFacade } from '../../src/modules/escrow';
import { systemPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestBankKey } from '../factories/identity.factory';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const ALL = '/api/bank/v1/instructions?status=PENDING&actions=FREEZE,UNFREEZE,RELEASE,REFUND';

/**
 * Payment instructions (一课一消, issue #20): RELEASE and REFUND through EscrowFacade, listed to a bank only
 * when it asks for them; the prepaid alerts through the one alert writer.
 */
describe('escrow: RELEASE / REFUND instructions and prepaid alerts', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-30T03:00:00Z');
  const actor = systemPrincipal('prepaid');
  let admin: LoggedIn;
  let bank: TestBankKey;
  let facade: EscrowFacade;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
    facade = t.app.get(EscrowFacade);
  });
  afterAll(() => t?.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const release = (institutionId: string, amountFen: bigint, contractIds: string[]) =>
    t.dataSource.transaction((em) =>
      facade.requestRelease(em, { institutionId, amountFen, contractIds, reason: '一课一消：已确认课时', actor }),
    );
  const refund = (institutionId: string, contractId: string) =>
    t.dataSource.transaction((em) =>
      facade.requestRefund(em, {
        institutionId,
        amountFen: 12_345n,
        contractId,
        payeeRef: 'p***9',
        reason: '家长申请退费',
        actor,
      }),
    );
  const issueFreeze = (accountId: string) =>
    t.gql<{ issueBankInstruction: { id: string } }>(
      `mutation($i: IssueBankInstructionInput!) { issueBankInstruction(input: $i) { id } }`,
      { i: { accountId, action: 'FREEZE', reason: '风险' } },
      admin.token,
    );
  const ack = (id: string, outcome = 'EXECUTED') =>
    t
      .bankRequest(
        'POST',
        `/api/bank/v1/instructions/${id}/ack`,
        { outcome, executedAt: '2026-11-30T11:05:00+08:00' },
        bank,
      )
      .expect(200);

  it('a RELEASE is listed only to a bank that asks for payment actions, with amount and contract ids; EXECUTED leaves the account as it was', async () => {
    const a = await openAccount(t, admin.token, bank.bankCode);
    const contracts = [randomUUID(), randomUUID()];
    const issued = await release(a.institution.id, 150_000n, contracts);
    expect(issued).toMatchObject({ issued: true, accountId: a.id });
    const id = (issued as { instructionId: string }).instructionId;

    const strict = await t.bankRequest('GET', '/api/bank/v1/instructions?status=PENDING', undefined, bank).expect(200);
    expect(strict.body.instructions.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(strict.body.instructions.every((i: { action: string }) => ['FREEZE', 'UNFREEZE'].includes(i.action))).toBe(
      true,
    );
    const asked = await t.bankRequest('GET', ALL, undefined, bank).expect(200);
    expect(asked.body.instructions).toContainEqual({
      id,
      accountNo: a.accountNo,
      action: 'RELEASE',
      reason: '一课一消：已确认课时',
      issuedAt: '2026-11-30T03:00:00.000Z',
      status: 'PENDING',
      outcome: null,
      executedAt: null,
      note: null,
      acknowledgedAt: null,
      amount: '1500.00',
      contractIds: contracts,
    });
    const onlyRelease = await t
      .bankRequest('GET', '/api/bank/v1/instructions?actions=RELEASE', undefined, bank)
      .expect(200);
    expect(onlyRelease.body.instructions.map((i: { id: string }) => i.id)).toContain(id);

    const done = await ack(id);
    expect(done.body).toMatchObject({ id, action: 'RELEASE', outcome: 'EXECUTED', amount: '1500.00' });
    expect((await t.dataSource.query(`SELECT status FROM escrow_account WHERE id = $1`, [a.id]))[0].status).toBe(
      'ACTIVE',
    );
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'escrow.instruction.acknowledged' AND payload->>'instructionId' = $1`,
      [id],
    );
    expect(event.payload).toMatchObject({
      action: 'RELEASE',
      outcome: 'EXECUTED',
      amountFen: '150000',
      contractIds: contracts,
    });
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'escrow.instruction.issued' AND summary->>'amountFen' = '150000'`,
        [id],
      ),
    ).toBe(1);
  });

  it('several payments may wait at once; FREEZE keeps its one-pending rule and blocks further releases; a frozen account gets no RELEASE but a REFUND', async () => {
    const a = await openAccount(t, admin.token, bank.bankCode);
    const c = randomUUID();
    expect(await release(a.institution.id, 100n, [c])).toMatchObject({ issued: true });
    expect(await release(a.institution.id, 200n, [c])).toMatchObject({ issued: true });
    expect(await refund(a.institution.id, c)).toMatchObject({ issued: true });

    // payments pending do not block a FREEZE; a second FREEZE is still refused
    const freeze = (await issueFreeze(a.id)).data?.issueBankInstruction.id as string;
    expect(freeze).toBeDefined();
    expect((await issueFreeze(a.id)).errors?.[0].extensions?.code).toBe('INSTRUCTION_PENDING');
    expect(await release(a.institution.id, 100n, [c])).toEqual({
      issued: false,
      reason: 'FREEZE_PENDING',
      accountId: a.id,
    });
    await ack(freeze);
    expect(await release(a.institution.id, 100n, [c])).toEqual({
      issued: false,
      reason: 'ACCOUNT_FROZEN',
      accountId: a.id,
    });
    const frozenRefund = await refund(a.institution.id, c);
    expect(frozenRefund).toMatchObject({ issued: true, accountId: a.id });
    const listed = await t.bankRequest('GET', ALL, undefined, bank).expect(200);
    expect(listed.body.instructions).toContainEqual(
      expect.objectContaining({
        id: (frozenRefund as { instructionId: string }).instructionId,
        action: 'REFUND',
        amount: '123.45',
        contractIds: [c],
        payeeRef: 'p***9',
      }),
    );
    // a payment never reaches the GraphQL issue path
    const viaGraphql = await t.gql(
      `mutation($i: IssueBankInstructionInput!) { issueBankInstruction(input: $i) { id } }`,
      { i: { accountId: a.id, action: 'RELEASE', reason: 'x' } },
      admin.token,
    );
    expect(viaGraphql.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const gql = await t.gql<{ escrowAccount: { instructions: { action: string; amount: string | null }[] } }>(
      `query($id: ID!) { escrowAccount(id: $id) { instructions { action amount contractIds } } }`,
      { id: a.id },
      admin.token,
    );
    expect(gql.data?.escrowAccount.instructions).toContainEqual({
      action: 'REFUND',
      amount: '123.45',
      contractIds: [c],
    });
    expect(gql.data?.escrowAccount.instructions).toContainEqual({ action: 'FREEZE', amount: null, contractIds: null });
  });

  it('no account in use: nothing issued; bad amounts are refused and nothing is stored; an unknown action is a 400', async () => {
    const none = await createInstitution(t);
    expect(await release(none.id, 100n, [randomUUID()])).toEqual({
      issued: false,
      reason: 'NO_ACCOUNT',
      accountId: null,
    });
    expect(await refund(none.id, randomUUID())).toEqual({ issued: false, reason: 'NO_ACCOUNT', accountId: null });
    const a = await openAccount(t, admin.token, bank.bankCode);
    const before = await count(`SELECT count(*) AS n FROM escrow_instruction WHERE account_id = $1`, [a.id]);
    await expect(release(a.institution.id, 0n, [randomUUID()])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(release(a.institution.id, 100n, [])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(release(a.institution.id, 100n, ['not-a-uuid'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await count(`SELECT count(*) AS n FROM escrow_instruction WHERE account_id = $1`, [a.id])).toBe(before);
    const bad = await t.bankRequest('GET', '/api/bank/v1/instructions?actions=FREEZE,PAY', undefined, bank).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('raiseAlert: one open alert per subject, escrow.alert.raised published (supervision follows up); resolveAlert closes it; no account: against the institution', async () => {
    const a = await openAccount(t, admin.token, bank.bankCode);
    const raise = (subjectRef: string) =>
      t.dataSource.transaction((em) =>
        facade.raiseAlert(em, {
          institutionId: a.institution.id,
          type: 'REFUND_OVERDUE',
          subjectRef,
          details: { refundId: subjectRef, amount: '123.45' },
        }),
      );
    const r1 = randomUUID();
    const r2 = randomUUID();
    expect(await raise(r1)).toEqual({ raised: true });
    expect(await raise(r1)).toEqual({ raised: false });
    expect(await raise(r2)).toEqual({ raised: true });
    const open = await t.dataSource.query(
      `SELECT type, subject_ref, account_id FROM escrow_alert WHERE institution_id = $1 AND status = 'OPEN' ORDER BY subject_ref`,
      [a.institution.id],
    );
    expect(open).toEqual([r1, r2].sort().map((s) => ({ type: 'REFUND_OVERDUE', subject_ref: s, account_id: a.id })));
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox WHERE name = 'escrow.alert.raised' AND payload->>'institutionId' = $1 AND payload->>'type' = 'REFUND_OVERDUE'`,
        [a.institution.id],
      ),
    ).toBe(2);
    expect(
      await t.dataSource.transaction((em) =>
        facade.resolveAlert(em, { institutionId: a.institution.id, type: 'REFUND_OVERDUE', subjectRef: r1 }),
      ),
    ).toEqual({ resolved: true });
    expect(
      await count(`SELECT count(*) AS n FROM escrow_alert WHERE institution_id = $1 AND status = 'OPEN'`, [
        a.institution.id,
      ]),
    ).toBe(1);

    const none = await createInstitution(t);
    expect(
      await t.dataSource.transaction((em) =>
        facade.raiseAlert(em, {
          institutionId: none.id,
          type: 'DEPOSIT_UNMATCHED',
          subjectRef: 'T-1',
          townshipCode: none.townshipCode,
          details: {},
        }),
      ),
    ).toEqual({ raised: true });
    expect(
      await t.dataSource.transaction((em) =>
        facade.raiseAlert(em, { institutionId: none.id, type: 'RELEASE_OVER_RELEASABLE', details: {} }),
      ),
    ).toEqual({ raised: false });
    const alerts = await t.gql<{ escrowAlerts: { edges: { node: { type: string } }[] } }>(
      `query { escrowAlerts(filter: { type: DEPOSIT_UNMATCHED }) { edges { node { type } } } }`,
      {},
      admin.token,
    );
    expect(alerts.errors).toBeUndefined();
    expect(alerts.data?.escrowAlerts.edges.length).toBeGreaterThanOrEqual(1);
  });
});
