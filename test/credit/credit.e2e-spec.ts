import { randomUUID } from 'node:crypto';
import { seedCreditDemo } from '../../src/modules/credit/seed/demo-data';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainEvent, EventPublisher } from '../../src/platform/events';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const START = '2026-11-29T03:00:00Z'; // 11:00 on 29 Nov 2026 in Xifeng

const RECORDS = `query($institutionId: ID, $source: CreditRecordSource) { creditRecords(filter: { institutionId: $institutionId, source: $source }) {
  totalCount edges { node { id kind source severity summary status sourceReference evidence { kind reference note } institution { id name } } } } }`;
const PROPOSE = `mutation($input: ProposeCreditEntryInput!) { proposeCreditEntry(input: $input) { id status kind proposedBy } }`;
const APPROVE = `mutation($id: ID!, $note: String) { approveCreditEntry(input: { id: $id, note: $note }) { id status effectiveOn expiresOn decidedBy } }`;
const ENTRY = `query($id: ID!) { creditEntry(id: $id) { id status kind effectiveOn expiresOn removalGrounds removalNote endedAt } }`;
const PUBLIC_LIST = `query($kind: PublicCreditListKind!, $search: String, $township: String, $first: Int, $after: String) {
  publicCreditList(filter: { kind: $kind, search: $search, townshipCode: $township }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { institutionName creditCode kind reasonCategory reasonCategoryName effectiveOn expiresOn townshipCode } } } }`;

type PublicNode = {
  institutionName: string;
  creditCode: string;
  kind: string;
  reasonCategory: string;
  effectiveOn: string;
  expiresOn: string | null;
  townshipCode: string;
};

/**
 * Black / white lists and joint punishment as officers, banks and the public meet them: records from
 * other modules' events, two-step decisions, the freeze a bank picks up over REST, the public list.
 */
describe('credit: black and white lists, joint punishment', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  let admin: LoggedIn;
  let eduA: LoggedIn;
  let eduB: LoggedIn;
  let market: LoggedIn;
  let bank: TestBankKey;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    eduA = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    eduB = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    market = await t.loginAs(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION');
    bank = await t.registerBank();
  });
  afterAll(() => t?.close());

  /** The module's scheduled tasks, as the worker runs them. */
  const task = <T = number>(name: string) => {
    const found = t.app
      .get(SubscriberRegistry)
      .scheduledTasks()
      .find((x) => x.name === name);
    if (!found) throw new Error(`no scheduled task ${name}`);
    return found.handler as unknown as { run(now: Date): Promise<T> };
  };
  /** Tokens live 15 minutes of test-clock time: a fresh one after the clock moves. */
  const tok = (u: LoggedIn) => t.tokenFor(u.id);
  const publish = (name: Parameters<EventPublisher['publish']>[1], payload: unknown) =>
    t.dataSource.transaction((em) => t.app.get(EventPublisher).publish(em, name, payload as never));
  const publicList = async (kind: 'BLACK' | 'WHITE', vars: Record<string, unknown> = {}) => {
    const res = await t.gql<{
      publicCreditList: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: PublicNode }[];
      };
    }>(PUBLIC_LIST, { kind, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.publicCreditList;
  };
  const evidence = [{ kind: 'INSPECTION_REPORT', reference: '息教执〔2026〕17号', note: '现场检查笔录 (private)' }];
  const proposeBlack = async (by: LoggedIn, institutionId: string, reasonCategory = 'PREPAID_FEE_VIOLATION') => {
    const res = await t.gql<{ proposeCreditEntry: { id: string; status: string } }>(
      PROPOSE,
      {
        input: {
          institutionId,
          kind: 'BLACK',
          reasonCategory,
          reason: '挪用预收费 120 万元, 拒不整改 (internal detail)',
          evidence,
        },
      },
      tok(by),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.proposeCreditEntry.id;
  };
  const shortfall = async (account: TestAccount) => {
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/transactions',
        {
          transactions: [
            {
              accountNo: account.accountNo,
              txnId: `T${randomUUID().slice(0, 12)}`,
              bookedAt: '2026-11-28T10:15:00+08:00',
              type: 'DEPOSIT',
              amount: '3000.00',
              currency: 'CNY',
              payerRef: 'p***1',
              lessonHours: 10,
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
  };

  it('an escrow shortfall left unresolved past its deadline creates one credit record', async () => {
    const account = await openAccount(t, admin.token, bank.bankCode);
    await shortfall(account);
    const alert = await waitFor(
      async () =>
        (
          (await t.dataSource.query(
            `SELECT alert_id FROM credit_escrow_alert WHERE institution_id = $1 AND type = 'SHORTFALL' AND resolved_at IS NULL`,
            [account.institution.id],
          )) as { alert_id: string }[]
        )[0],
      { what: 'the SHORTFALL alert projected into credit' },
    );
    const deadline = task('credit.escrow-alert-deadline');
    try {
      clock.set('2026-12-06T02:59:00Z'); // 6 days 23:59 later: within the 7-day deadline
      await deadline.run(clock.now());
      const before = await t.gql<{ creditRecords: { totalCount: number } }>(
        RECORDS,
        { institutionId: account.institution.id },
        tok(admin),
      );
      expect(before.data?.creditRecords.totalCount).toBe(0);

      clock.set('2026-12-06T03:00:00Z');
      expect(await deadline.run(clock.now())).toBe(1);
      expect(await deadline.run(clock.now())).toBe(0); // once per alert
      const after = await t.gql<{ creditRecords: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(
        RECORDS,
        { institutionId: account.institution.id },
        tok(eduA),
      );
      expect(after.errors).toBeUndefined();
      expect(after.data?.creditRecords.totalCount).toBe(1);
      expect(after.data?.creditRecords.edges[0]?.node).toMatchObject({
        kind: 'VIOLATION',
        source: 'ESCROW_ALERT_UNRESOLVED',
        severity: 'SERIOUS',
        status: 'ACTIVE',
        sourceReference: alert.alert_id,
        evidence: [{ kind: 'ESCROW_ALERT', reference: alert.alert_id }],
        institution: { id: account.institution.id, name: account.institution.name },
      });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE name = 'credit.record.created' AND payload->>'institutionId' = $1`,
        [account.institution.id],
      );
      expect(n).toBe(1);
    } finally {
      clock.set(START);
    }
  });

  it('a black-list entry approved by a second officer publishes, freezes the account and notifies the duty departments', async () => {
    const account = await openAccount(t, admin.token, bank.bankCode);
    const inst = account.institution;
    const entryId = await proposeBlack(eduA, inst.id);

    // Not yet approved: not public.
    expect((await publicList('BLACK', { search: inst.creditCode })).totalCount).toBe(0);
    // The proposer cannot approve; a market-regulation officer may propose but not approve.
    expectGqlError(await t.gql(APPROVE, { id: entryId }, tok(eduA)), 'SELF_APPROVAL_FORBIDDEN');
    expectGqlError(await t.gql(APPROVE, { id: entryId }, tok(market)), 'FORBIDDEN');
    expect(
      (await t.gql<{ creditEntry: { status: string } }>(ENTRY, { id: entryId }, tok(admin))).data?.creditEntry.status,
    ).toBe('PROPOSED');
    // A second active BLACK proposal for the same institution is refused.
    expectGqlError(
      await t.gql(
        PROPOSE,
        { input: { institutionId: inst.id, kind: 'BLACK', reasonCategory: 'SAFETY_HAZARD', reason: 'x', evidence } },
        tok(market),
      ),
      'CREDIT_ENTRY_ALREADY_ACTIVE',
    );

    const approved = await t.gql<{ approveCreditEntry: Record<string, unknown> }>(
      APPROVE,
      { id: entryId, note: '经领导小组办公室审定' },
      tok(eduB),
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveCreditEntry).toEqual({
      id: entryId,
      status: 'PUBLISHED',
      effectiveOn: '2026-11-29',
      expiresOn: '2028-11-28',
      decidedBy: eduB.username,
    });

    // The bank sees the FREEZE over REST.
    const pending = await t.bankRequest('GET', '/api/bank/v1/instructions', undefined, bank).expect(200);
    expect(pending.body.instructions).toContainEqual(
      expect.objectContaining({
        accountNo: account.accountNo,
        action: 'FREEZE',
        status: 'PENDING',
        reason: expect.stringContaining(entryId),
      }),
    );

    // Every department with the joint-punishment duty (and EDU, and the township) finds it in its inbox.
    for (const dept of ['MARKET_REGULATION', 'TAX', 'FINANCIAL_OFFICE', 'DEVELOPMENT_REFORM', 'EDU']) {
      const officer = await t.loginAs(Role.DEPARTMENT_OFFICER, dept);
      const inbox = await t.gql<{ notifications: { edges: { node: { kind: string; entityId: string } }[] } }>(
        `{ notifications(first: 50) { edges { node { kind entityId } } } }`,
        {},
        officer.token,
      );
      expect(inbox.data?.notifications.edges.map((e) => e.node)).toContainEqual({
        kind: 'credit.blacklist.published',
        entityId: entryId,
      });
    }
    const township = await t.loginAs(Role.TOWNSHIP_OFFICER, inst.townshipCode);
    const fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    const kinds = async (token: string) =>
      (
        await t.gql<{ notifications: { edges: { node: { kind: string; entityId: string } }[] } }>(
          `{ notifications(first: 50) { edges { node { kind entityId } } } }`,
          {},
          token,
        )
      ).data!.notifications.edges.map((e) => e.node.entityId);
    expect(await kinds(township.token)).toContain(entryId);
    expect(await kinds(fire.token)).not.toContain(entryId);

    // Exported for the credit-sharing platform.
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'credit.blacklist.published' AND payload->>'entryId' = $1`,
      [entryId],
    );
    expect(event.payload).toEqual({
      entryId,
      institutionId: inst.id,
      creditCode: inst.creditCode,
      name: inst.name,
      reason: '违规收取或挪用预收费',
      effectiveOn: '2026-11-29',
      expiresOn: '2028-11-28',
    });

    // Public now, public fields only.
    const list = await publicList('BLACK', { search: inst.creditCode });
    expect(list.edges.map((e) => e.node)).toEqual([
      {
        institutionName: inst.name,
        creditCode: inst.creditCode,
        kind: 'BLACK',
        reasonCategory: 'PREPAID_FEE_VIOLATION',
        reasonCategoryName: '违规收取或挪用预收费',
        effectiveOn: '2026-11-29',
        expiresOn: '2028-11-28',
        townshipCode: inst.townshipCode,
      },
    ]);
    // Approving again is a state conflict; audit has the publication.
    expectGqlError(await t.gql(APPROVE, { id: entryId }, tok(admin)), 'CREDIT_ENTRY_STATE_CONFLICT');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'credit.entry.published' AND entity_id = $1`,
      [entryId],
    );
    expect(n).toBe(1);
  });

  it('shows the standing on the public profile (no login)', async () => {
    const PROFILE = `query($code: String!) { institutionPublicProfile(creditCode: $code) { name standing { standing effectiveOn expiresOn } } }`;
    const fresh = await createInstitution(t);
    const none = await t.gql<{ institutionPublicProfile: { standing: unknown } }>(PROFILE, { code: fresh.creditCode });
    expect(none.errors).toBeUndefined();
    expect(none.data?.institutionPublicProfile.standing).toEqual({
      standing: 'NONE',
      effectiveOn: null,
      expiresOn: null,
    });
    const id = await proposeBlack(market, fresh.id, 'FEES_ABSCONDED'); // permanent
    expect(
      (
        await t.gql<{ institutionPublicProfile: { standing: { standing: string } } }>(PROFILE, {
          code: fresh.creditCode,
        })
      ).data?.institutionPublicProfile.standing.standing,
    ).toBe('NONE');
    await t.gql(APPROVE, { id }, tok(admin));
    expect(
      (await t.gql<{ institutionPublicProfile: { standing: unknown } }>(PROFILE, { code: fresh.creditCode })).data
        ?.institutionPublicProfile.standing,
    ).toEqual({
      standing: 'BLACK',
      effectiveOn: '2026-11-29',
      expiresOn: null,
    });
  });

  it('the public list never shows unapproved entries or private fields', async () => {
    const proposed = await createInstitution(t, { name: `未审批机构 ${randomUUID().slice(0, 6)}` });
    const rejected = await createInstitution(t, { name: `已驳回机构 ${randomUUID().slice(0, 6)}` });
    await proposeBlack(market, proposed.id, 'FALSE_ADVERTISING');
    const rejectedId = await proposeBlack(market, rejected.id, 'FALSE_ADVERTISING');
    const rej = await t.gql(
      `mutation($id: ID!, $note: String!) { rejectCreditEntry(input: { id: $id, note: $note }) { status } }`,
      { id: rejectedId, note: '证据不足' },
      tok(admin),
    );
    expect(rej.data).toEqual({ rejectCreditEntry: { status: 'REJECTED' } });

    const all = await publicList('BLACK', { first: 100 });
    const names = all.edges.map((e) => e.node.institutionName);
    expect(names).not.toContain(proposed.name);
    expect(names).not.toContain(rejected.name);
    const raw = JSON.stringify(all);
    expect(raw).not.toContain('internal detail');
    expect(raw).not.toContain('息教执');
    expect(raw).not.toContain(market.username);

    // Private fields are not in the public type at all, and officers' queries need a login.
    for (const field of ['reason', 'evidence { reference }', 'id', 'institutionId', 'proposedBy', 'decisionNote']) {
      const res = await t.gql(`{ publicCreditList(filter: { kind: BLACK }) { edges { node { ${field} } } } }`);
      expect(res.errors?.[0]?.message).toMatch(/Cannot query field/);
    }
    expectGqlError(await t.gql(`{ creditEntries { totalCount } }`), 'UNAUTHENTICATED');
    expectGqlError(await t.gql(`{ creditRecords { totalCount } }`), 'UNAUTHENTICATED');
    // GREY is not a public list.
    expectGqlError(
      await t.gql(`{ publicCreditList(filter: { kind: GREY }) { totalCount } }`),
      'GRAPHQL_VALIDATION_FAILED',
    ); // not a value of PublicCreditListKind
  });

  it('whitelist eligibility is computed; the weekly review proposes, a black-list entry removes the white one', async () => {
    const account = await openAccount(t, admin.token, bank.bankCode);
    const inst = account.institution;
    const eligibility = async () =>
      (
        await t.gql<{ whitelistEligibility: { eligible: boolean; reasons: string[]; activeEscrowAccount: boolean } }>(
          `query($id: ID!) { whitelistEligibility(institutionId: $id) { eligible reasons activeEscrowAccount } }`,
          { id: inst.id },
          tok(eduA),
        )
      ).data!.whitelistEligibility;
    await waitFor(async () => (await eligibility()).activeEscrowAccount, { what: 'the escrow account projected' });
    expect((await eligibility()).reasons).toEqual(['no annual review PASS in 2026']);
    expectGqlError(
      await t.gql(
        PROPOSE,
        { input: { institutionId: inst.id, kind: 'WHITE', reasonCategory: 'COMPLIANT_OPERATION', reason: '规范' } },
        tok(eduA),
      ),
      'WHITELIST_NOT_ELIGIBLE',
    );
    // The registry announces this year's review (as records.service does after scoring).
    await publish('registry.annual_review.completed', {
      institutionId: inst.id,
      year: 2026,
      result: 'PASS',
      score: 92,
    });
    await waitFor(async () => (await eligibility()).eligible, { what: 'eligibility after the annual review' });

    const review = await task<{ proposed: number }>('credit.whitelist-review').run(clock.now());
    expect(review.proposed).toBe(1);
    const [white] = await t.dataSource.query(
      `SELECT id, status, proposed_by_name FROM credit_entry WHERE institution_id = $1 AND kind = 'WHITE'`,
      [inst.id],
    );
    expect(white).toMatchObject({ status: 'PROPOSED', proposed_by_name: 'system:credit.whitelist-review' });
    expect((await task<{ proposed: number }>('credit.whitelist-review').run(clock.now())).proposed).toBe(0); // nothing twice
    expect(
      (await t.gql<{ approveCreditEntry: { status: string } }>(APPROVE, { id: white.id }, tok(eduA))).data
        ?.approveCreditEntry.status,
    ).toBe('PUBLISHED');
    expect((await publicList('WHITE', { search: inst.name })).edges.map((e) => e.node.creditCode)).toEqual([
      inst.creditCode,
    ]);

    // Blacklisting removes the white entry (recorded), and the institution is never on both lists.
    const blackId = await proposeBlack(market, inst.id, 'SAFETY_HAZARD');
    expect((await t.gql(APPROVE, { id: blackId }, tok(admin))).errors).toBeUndefined();
    const whiteAfter = (await t.gql<{ creditEntry: Record<string, unknown> }>(ENTRY, { id: white.id }, tok(admin))).data
      ?.creditEntry;
    expect(whiteAfter).toMatchObject({ status: 'REMOVED', removalGrounds: 'SUPERSEDED_BY_BLACKLIST' });
    expect((await publicList('WHITE', { search: inst.name })).totalCount).toBe(0);
    expect((await publicList('BLACK', { search: inst.name })).totalCount).toBe(1);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'credit.entry.removed' AND payload->>'entryId' = $1`,
      [white.id],
    );
    expect(n).toBe(1);
    expectGqlError(
      await t.gql(
        PROPOSE,
        { input: { institutionId: inst.id, kind: 'WHITE', reasonCategory: 'COMPLIANT_OPERATION', reason: '规范' } },
        tok(eduA),
      ),
      'INSTITUTION_BLACKLISTED',
    );
  });

  it('pages the public list with cursors and filters by township', async () => {
    const first = await publicList('BLACK', { first: 1 });
    expect(first.totalCount).toBeGreaterThanOrEqual(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await publicList('BLACK', { first: 1, after: first.pageInfo.endCursor });
    expect(second.edges[0]?.node.creditCode).not.toBe(first.edges[0]?.node.creditCode);
    expect((await publicList('BLACK', { township: '520122200' })).totalCount).toBe(0);
    expectGqlError(await t.gql(PUBLIC_LIST, { kind: 'BLACK', after: 'not-a-cursor' }), 'VALIDATION_FAILED');
  });

  it('credit repair takes an entry off the list in two steps', async () => {
    const inst = await createInstitution(t);
    const id = await proposeBlack(market, inst.id, 'FALSE_ADVERTISING');
    await t.gql(APPROVE, { id }, tok(admin));
    const REMOVE = `mutation($input: ProposeCreditEntryRemovalInput!) { proposeCreditEntryRemoval(input: $input) { status removalGrounds } }`;
    expectGqlError(
      await t.gql(REMOVE, { input: { id, grounds: 'CREDIT_REPAIR', note: '已整改' } }, tok(eduA)),
      'VALIDATION_FAILED',
    ); // no rectification evidence
    const proposed = await t.gql(
      REMOVE,
      {
        input: {
          id,
          grounds: 'CREDIT_REPAIR',
          note: '已整改到位, 广告已撤除',
          evidence: [{ kind: 'RECTIFICATION_REPORT', reference: 'ZG-2026-031' }],
        },
      },
      tok(eduA),
    );
    expect(proposed.data).toEqual({
      proposeCreditEntryRemoval: { status: 'REMOVAL_PROPOSED', removalGrounds: 'CREDIT_REPAIR' },
    });
    expect((await publicList('BLACK', { search: inst.creditCode })).totalCount).toBe(1); // still listed until decided
    const APPROVE_REMOVAL = `mutation($id: ID!) { approveCreditEntryRemoval(input: { id: $id }) { status endedAt } }`;
    expectGqlError(await t.gql(APPROVE_REMOVAL, { id }, tok(eduA)), 'SELF_APPROVAL_FORBIDDEN');
    const removed = await t.gql<{ approveCreditEntryRemoval: { status: string } }>(APPROVE_REMOVAL, { id }, tok(eduB));
    expect(removed.data?.approveCreditEntryRemoval.status).toBe('REMOVED');
    expect((await publicList('BLACK', { search: inst.creditCode })).totalCount).toBe(0);
  });

  it('an expired entry leaves the public list on schedule', async () => {
    const inst = await createInstitution(t);
    const id = await proposeBlack(market, inst.id, 'IN_SERVICE_TEACHER'); // 1 year
    const res = await t.gql<{ approveCreditEntry: { expiresOn: string } }>(APPROVE, { id }, tok(admin));
    expect(res.data?.approveCreditEntry.expiresOn).toBe('2027-11-28');
    const expiry = task('credit.entry-expiry');
    try {
      clock.set('2027-11-28T15:59:00Z'); // 23:59 on its last day in Xifeng
      expect(await expiry.run(clock.now())).toBe(0);
      expect((await publicList('BLACK', { search: inst.creditCode })).totalCount).toBe(1);
      clock.set('2027-11-28T16:00:00Z'); // midnight: the next business day
      expect(await expiry.run(clock.now())).toBe(1);
      expect((await publicList('BLACK', { search: inst.creditCode })).totalCount).toBe(0);
      expect(
        (await t.gql<{ creditEntry: { status: string } }>(ENTRY, { id }, tok(admin))).data?.creditEntry.status,
      ).toBe('EXPIRED');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE name = 'credit.entry.expired' AND payload->>'entryId' = $1`,
        [id],
      );
      expect(n).toBe(1);
    } finally {
      clock.set(START);
    }
  });

  it('records from events once each; revoked, never deleted; scoped to the township', async () => {
    const inst = await createInstitution(t, { townshipCode: '520122101' });
    const complaintId = randomUUID();
    const payload = {
      complaintId,
      institutionId: inst.id,
      category: 'PREPAID_FEES',
      closedAt: '2026-11-28T08:00:00Z',
      summary: '拒不退费',
    };
    await publish('complaints.complaint.substantiated', payload);
    const rows = await waitFor(
      async () => {
        const r = (await t.dataSource.query(
          `SELECT id FROM credit_record WHERE source = 'VERIFIED_COMPLAINT' AND source_reference = $1`,
          [complaintId],
        )) as { id: string }[];
        return r.length ? r : null;
      },
      { what: 'the complaint record' },
    );
    // The same fact delivered again (another event id) makes no second record.
    const subscriber = t.app.get(SubscriberRegistry).get('credit.record-substantiated-complaint')!;
    await t.dataSource.transaction((em) =>
      subscriber.handle(
        {
          eventId: randomUUID(),
          name: 'complaints.complaint.substantiated',
          version: 1,
          occurredAt: clock.now().toISOString(),
          requestId: null,
          payload,
        } as DomainEvent,
        em,
      ),
    );
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM credit_record WHERE source_reference = $1`,
      [complaintId],
    );
    expect(n).toBe(1);

    const recordId = rows[0]!.id;
    const here = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122101');
    const there = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122102');
    const ONE = `query($id: ID!) { creditRecord(id: $id) { id occurredOn source } }`;
    expect((await t.gql(ONE, { id: recordId }, here.token)).data).toEqual({
      creditRecord: { id: recordId, occurredOn: '2026-11-28', source: 'VERIFIED_COMPLAINT' },
    });
    expectGqlError(await t.gql(ONE, { id: recordId }, there.token), 'CREDIT_RECORD_NOT_FOUND');

    const REVOKE = `mutation($id: ID!, $note: String!) { revokeCreditRecord(input: { id: $id, note: $note }) { status revokeReason revokedBy } }`;
    expectGqlError(await t.gql(REVOKE, { id: recordId, note: '误录' }, tok(market)), 'FORBIDDEN');
    expect(
      expectGqlError(await t.gql(REVOKE, { id: 'not-a-uuid', note: '误录' }, tok(eduA)), 'VALIDATION_FAILED').extensions
        ?.errors,
    ).toEqual([expect.objectContaining({ path: 'id' })]);
    expect((await t.gql(REVOKE, { id: recordId, note: '投诉复查撤销' }, tok(eduA))).data).toEqual({
      revokeCreditRecord: { status: 'REVOKED', revokeReason: '投诉复查撤销', revokedBy: eduA.username },
    });
    expectGqlError(await t.gql(REVOKE, { id: recordId, note: 'again' }, tok(eduA)), 'CREDIT_RECORD_ALREADY_REVOKED');
    await expect(t.dataSource.query(`DELETE FROM credit_record WHERE id = $1`, [recordId])).rejects.toThrow(
      /never deleted/,
    );
  });

  it('records a failed annual review, an in-service teacher and an inspection finding from their events', async () => {
    const inst = await createInstitution(t);
    await publish('registry.annual_review.completed', {
      institutionId: inst.id,
      year: 2026,
      result: 'FAIL',
      score: 41,
    });
    await publish('registry.staff.in_service_teacher_found', {
      institutionId: inst.id,
      staffId: randomUUID(),
      teacherId: randomUUID(),
      schoolId: randomUUID(),
      townshipCode: inst.townshipCode,
    });
    await publish('supervision.finding.violation_recorded', {
      findingId: randomUUID(),
      taskId: randomUUID(),
      institutionId: inst.id,
      severity: 'GRAVE',
      description: '无证开展学科类培训',
      kind: 'DISGUISED_SUBJECT_TRAINING',
    });
    const sources = await waitFor(
      async () => {
        const res = await t.gql<{ creditRecords: { edges: { node: { source: string; severity: string } }[] } }>(
          RECORDS,
          { institutionId: inst.id },
          tok(admin),
        );
        const list = res.data?.creditRecords.edges.map((e) => `${e.node.source}:${e.node.severity}`).sort();
        return list?.length === 3 ? list : null;
      },
      { what: 'three records from events' },
    );
    expect(sources).toEqual(['ANNUAL_REVIEW_FAILED:SERIOUS', 'INSPECTION_FINDING:GRAVE', 'IN_SERVICE_TEACHER:SERIOUS']);
    expect(
      (
        await t.gql<{ whitelistEligibility: { eligible: boolean } }>(
          `query($id: ID!) { whitelistEligibility(institutionId: $id) { eligible } }`,
          { id: inst.id },
          tok(admin),
        )
      ).data?.whitelistEligibility.eligible,
    ).toBe(false);
  });

  it('manual records: validated, and bad input changes nothing', async () => {
    const inst = await createInstitution(t);
    const RECORD = `mutation($input: RecordCreditInput!) { recordCredit(input: $input) { id kind source severity occurredOn createdBy } }`;
    const base = {
      institutionId: inst.id,
      kind: 'VIOLATION',
      source: 'INSPECTION_FINDING',
      severity: 'MINOR',
      summary: '消防通道堵塞',
      evidence: [{ kind: 'PHOTO', reference: 'f-1' }],
      sourceReference: 'JC-2026-0001',
    };
    const inspector = await t.loginAs(Role.INSPECTOR, 'FIRE_RESCUE');
    expectGqlError(await t.gql(RECORD, { input: { ...base, severity: null } }, inspector.token), 'VALIDATION_FAILED');
    expectGqlError(
      await t.gql(RECORD, { input: { ...base, source: 'VERIFIED_COMPLAINT' } }, inspector.token),
      'VALIDATION_FAILED',
    );
    expectGqlError(
      await t.gql(RECORD, { input: { ...base, occurredOn: '2026-12-30' } }, inspector.token),
      'VALIDATION_FAILED',
    );
    // Not a calendar day, not a kind of evidence: refused by the schema (Date scalar, CreditEvidenceKind).
    expectGqlError(
      await t.gql(RECORD, { input: { ...base, occurredOn: '2026-02-30' } }, inspector.token),
      'BAD_USER_INPUT',
    );
    expectGqlError(
      await t.gql(RECORD, { input: { ...base, evidence: [{ kind: 'SELFIE', reference: 'f-1' }] } }, inspector.token),
      'BAD_USER_INPUT',
    );
    expectGqlError(
      await t.gql(RECORD, { input: { ...base, institutionId: randomUUID() } }, inspector.token),
      'INSTITUTION_NOT_FOUND',
    );
    const school = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    expectGqlError(await t.gql(RECORD, { input: base }, school.token), 'FORBIDDEN');
    const [{ n: none }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM credit_record WHERE institution_id = $1`,
      [inst.id],
    );
    expect(none).toBe(0);
    const ok = await t.gql<GqlResult['data']>(RECORD, { input: base }, inspector.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toMatchObject({
      recordCredit: {
        kind: 'VIOLATION',
        source: 'INSPECTION_FINDING',
        severity: 'MINOR',
        occurredOn: '2026-11-29',
        createdBy: inspector.username,
      },
    });
    expectGqlError(await t.gql(RECORD, { input: base }, inspector.token), 'VALIDATION_FAILED'); // same finding twice
  });
});

describe('credit demo data', () => {
  it('seeds one entry per state that matters, once, and the public list shows the published ones', async () => {
    const t = await startTestApp({ clock: new FixedClock(START) });
    try {
      for (let i = 0; i < 4; i++) await createInstitution(t);
      expect(await t.dataSource.transaction((em) => seedCreditDemo(em, t.clock.now(), 'Asia/Shanghai'))).toBe(4);
      expect(await t.dataSource.transaction((em) => seedCreditDemo(em, t.clock.now(), 'Asia/Shanghai'))).toBe(0);
      const res = await t.gql<{ b: { totalCount: number }; w: { totalCount: number } }>(
        `{ b: publicCreditList(filter: { kind: BLACK }) { totalCount } w: publicCreditList(filter: { kind: WHITE }) { totalCount } }`,
      );
      expect(res.data).toEqual({ b: { totalCount: 1 }, w: { totalCount: 1 } });
    } finally {
      await t.close();
    }
  });
});
