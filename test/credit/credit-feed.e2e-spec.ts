import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainEvent, EventName, EventPublisher } from '../../src/platform/events';
// A test may reach a module's internals through the Nest container: here, to deliver one event twice.
// eslint-disable-next-line local/module-boundaries
import { CreditFeedSubscriber } from '../../src/modules/credit/subscribers/credit-feed.subscriber';
import { TestBankKey } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { registerPlatform, TestPlatformKey } from '../prepaid/prepaid-fixtures';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const START = '2026-12-01T02:00:00Z'; // 10:00 on 1 Dec 2026 in Xifeng
const FEED = '/api/credit-platform/v1/feed';

interface FeedItem {
  id: string;
  sequence: string;
  kind: string;
  subjectId: string;
  occurredAt: string;
  record: Record<string, unknown>;
}
interface FeedPage {
  items: FeedItem[];
  nextCursor: string;
  hasMore: boolean;
}
interface Key {
  keyId: string;
  secret: string;
}

/**
 * The credit feed as the credit-sharing platform (信用信息共享平台) meets it: signed pulls with its own key
 * kind, paging by sealed cursors, each change once, refusals for other key kinds, tampering and bad cursors.
 */
describe('credit feed for the credit-sharing platform', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  let admin: LoggedIn;
  let market: LoggedIn;
  let eduA: LoggedIn;
  let eduB: LoggedIn;
  let credit: Key & { creditPlatformCode: string };
  let bank: TestBankKey;
  let prepaidPlatform: TestPlatformKey;
  let blackEntryId: string;
  const penaltyId = randomUUID();

  const tok = (u: LoggedIn) => t.tokenFor(u.id);
  /** A GET signed as docs/credit-platform-api.md says (key id header, timestamp, HMAC over the path with query). */
  const pull = (
    query = '',
    key: Key = credit,
    opts: { header?: string; secret?: string; signedPath?: string } = {},
  ) => {
    const p = `${FEED}${query}`;
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    return t
      .http()
      .get(p)
      .set(opts.header ?? 'X-Credit-Platform-Key-Id', key.keyId)
      .set('X-Timestamp', ts)
      .set('X-Signature', signBankRequest(opts.secret ?? key.secret, ts, 'GET', opts.signedPath ?? p, ''));
  };
  const page = async (query = ''): Promise<FeedPage> => {
    const res = await pull(query);
    expect(res.status).toBe(200);
    return res.body as FeedPage;
  };
  const feedCount = async () =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM credit_feed_item`))[0].n);
  const publish = <N extends EventName>(name: N, payload: DomainEvent<N>['payload']) =>
    t.dataSource.transaction((em) => t.app.get(EventPublisher).publish(em, name, payload));
  const penalty = {
    penaltyId,
    decisionNumber: '息教罚决字〔2026〕3号',
    institutionId: null,
    leadId: randomUUID(),
    subjectName: '息烽县某无证培训点',
    creditCode: null,
    kinds: ['FINE', 'STOP_OPERATING'],
    fineFen: '3000000',
    confiscatedFen: null,
    legalBasis: '《校外培训行政处罚暂行办法》第十五条',
    facts: '未经审批擅自开展学科类校外培训。',
    decidingDepartmentCode: 'EDU',
    decidedOn: '2026-11-30',
    publishedUntil: '2029-11-29',
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    market = await t.loginAs(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION');
    eduA = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    eduB = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    bank = await t.registerBank();
    prepaidPlatform = await registerPlatform(t, admin.token);

    const reg = await t.gql(
      `mutation($input: RegisterCreditPlatformInput!) { registerCreditPlatform(input: $input) { code } }`,
      { input: { code: 'XIFENG_CREDIT', name: '息烽县信用信息共享平台' } },
      admin.token,
    );
    expect(reg.errors).toBeUndefined();
    const issued = await t.gql<{ issueCreditPlatformApiKey: Key & { creditPlatformCode: string } }>(
      `mutation { issueCreditPlatformApiKey(input: { creditPlatformCode: "XIFENG_CREDIT" }) { keyId secret creditPlatformCode } }`,
      {},
      admin.token,
    );
    credit = issued.data!.issueCreditPlatformApiKey;
    expect(credit.keyId).toMatch(/^ck_[0-9a-f]{24}$/);

    // A black-list entry published, then removed on credit repair (two officers each time) …
    const inst = await createInstitution(t);
    const proposed = await t.gql<{ proposeCreditEntry: { id: string } }>(
      `mutation($input: ProposeCreditEntryInput!) { proposeCreditEntry(input: $input) { id } }`,
      {
        input: {
          institutionId: inst.id,
          kind: 'BLACK',
          reasonCategory: 'FALSE_ADVERTISING',
          reason: '虚假宣传 (internal detail)',
          evidence: [{ kind: 'INSPECTION_REPORT', reference: '息教执〔2026〕21号' }],
        },
      },
      tok(market),
    );
    expect(proposed.errors).toBeUndefined();
    blackEntryId = proposed.data!.proposeCreditEntry.id;
    const approved = await t.gql(
      `mutation($id: ID!) { approveCreditEntry(input: { id: $id }) { status } }`,
      { id: blackEntryId },
      tok(admin),
    );
    expect(approved.errors).toBeUndefined();
    await t.settle();
    const removal = await t.gql(
      `mutation($input: ProposeCreditEntryRemovalInput!) { proposeCreditEntryRemoval(input: $input) { status } }`,
      {
        input: {
          id: blackEntryId,
          grounds: 'CREDIT_REPAIR',
          note: '已整改到位',
          evidence: [{ kind: 'RECTIFICATION_REPORT', reference: 'ZG-2026-044' }],
        },
      },
      tok(eduA),
    );
    expect(removal.errors).toBeUndefined();
    const removed = await t.gql(
      `mutation($id: ID!) { approveCreditEntryRemoval(input: { id: $id }) { status } }`,
      { id: blackEntryId },
      tok(eduB),
    );
    expect(removed.errors).toBeUndefined();
    await t.settle();
    // … and a penalty decision published, then withdrawn (the enforcement module's events, published here).
    await publish('enforcement.penalty.published', penalty);
    await t.settle();
    await publish('enforcement.penalty.withdrawn', { ...penalty, reason: '行政复议撤销' });
    await t.settle();
  }, 60000);
  afterAll(() => t?.close());

  it('returns each change once, in order, with the record as the platform should store it', async () => {
    const all = await page('?limit=500');
    expect(all.hasMore).toBe(false);
    expect(all.items.map((i) => [i.kind, i.subjectId])).toEqual([
      ['LIST_ENTRY_PUBLISHED', blackEntryId],
      ['LIST_ENTRY_REMOVED', blackEntryId],
      ['PENALTY_PUBLISHED', penaltyId],
      ['PENALTY_WITHDRAWN', penaltyId],
    ]);
    const sequences = all.items.map((i) => BigInt(i.sequence));
    expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
    const [published, removedItem, , withdrawn] = all.items;
    expect(published!.record).toMatchObject({
      entryId: blackEntryId,
      listKind: 'BLACK',
      reasonCode: 'FALSE_ADVERTISING',
      status: 'PUBLISHED',
      endedOn: null,
      removalGrounds: null,
      effectiveOn: '2026-12-01',
    });
    expect(JSON.stringify(published!.record)).not.toContain('internal detail'); // the officers' wording stays inside
    expect(removedItem!.record).toMatchObject({
      status: 'REMOVED',
      removalGrounds: 'CREDIT_REPAIR',
      endedOn: '2026-12-01',
    });
    expect(withdrawn!.record).toEqual({ ...penalty, status: 'WITHDRAWN', withdrawalReason: '行政复议撤销' });
    // An event for each item appended.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'credit.feed.appended'`,
    );
    expect(n).toBe(4);
  });

  it('appends nothing when an event is delivered again', async () => {
    const before = await feedCount();
    const [row] = await t.dataSource.query(
      `SELECT event_id, occurred_at FROM outbox WHERE name = 'enforcement.penalty.published' ORDER BY id LIMIT 1`,
    );
    const event = {
      eventId: row.event_id,
      name: 'enforcement.penalty.published',
      version: 1,
      occurredAt: new Date(row.occurred_at).toISOString(),
      requestId: null,
      payload: penalty,
    } as DomainEvent<'enforcement.penalty.published'>;
    await t.dataSource.transaction((em) => t.app.get(CreditFeedSubscriber).onPenaltyPublished(event, em));
    expect(await feedCount()).toBe(before);
    // A publication delivered after its withdrawal (out of order) is not appended: a take-down is final.
    const late = { ...penalty, penaltyId: randomUUID() };
    await publish('enforcement.penalty.withdrawn', { ...late, reason: '公示期满' });
    await t.settle();
    await publish('enforcement.penalty.published', late);
    await t.settle();
    const kinds = await t.dataSource.query(`SELECT kind FROM credit_feed_item WHERE subject_id = $1`, [late.penaltyId]);
    expect(kinds).toEqual([{ kind: 'PENALTY_WITHDRAWN' }]);
    // The table is append-only.
    await expect(t.dataSource.query(`DELETE FROM credit_feed_item`)).rejects.toThrow(/append-only/);
  });

  it('pages by sealed cursors: the same cursor gives the same items, the last cursor waits for new ones', async () => {
    const first = await page('?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    const second = await page(`?after=${first.nextCursor}&limit=3`);
    expect(second.items.map((i) => i.kind)).toEqual(['PENALTY_WITHDRAWN', 'PENALTY_WITHDRAWN']);
    expect(second.hasMore).toBe(false);
    const again = await page(`?after=${first.nextCursor}&limit=3`);
    expect(again.items.map((i) => i.id)).toEqual(second.items.map((i) => i.id));
    const end = await page(`?after=${second.nextCursor}`);
    expect(end).toMatchObject({ items: [], hasMore: false });
    // A new change shows up after the cursor the platform kept.
    const later = randomUUID();
    await publish('enforcement.penalty.published', { ...penalty, penaltyId: later });
    await t.settle();
    const next = await page(`?after=${end.nextCursor}`);
    expect(next.items.map((i) => [i.kind, i.subjectId])).toEqual([['PENALTY_PUBLISHED', later]]);
  });

  it('refuses a bad cursor, a bad limit or an unknown parameter with VALIDATION_FAILED naming it', async () => {
    const before = await feedCount();
    const bad = async (query: string, paths: string[]) => {
      const res = await pull(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    };
    await bad('?after=not-a-cursor', ['after']);
    const real = (await page('?limit=1')).nextCursor;
    await bad(`?after=${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`, ['after']); // tampered
    // A cursor of another list (the public credit list) does not open here.
    const other = await t.gql<{ publicCreditList: { pageInfo: { endCursor: string | null } } }>(
      `{ publicCreditList(filter: { kind: BLACK }, first: 1) { pageInfo { endCursor } } }`,
    );
    const foreign = other.data?.publicCreditList.pageInfo.endCursor;
    if (foreign) await bad(`?after=${foreign}`, ['after']);
    await bad('?limit=0', ['limit']);
    await bad('?limit=501', ['limit']);
    await bad('?limit=ten', ['limit']);
    await bad('?limit=1&limit=2', ['limit']);
    await bad('?since=1', ['since']);
    expect(await feedCount()).toBe(before);
  });

  it('refuses other key kinds, staff tokens, tampered signatures and revoked keys', async () => {
    const code = async (res: { status: number; body: { code?: string } }, status: number, expected: string) => {
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(expected);
    };
    // A bank key and a prepaid-platform key are unknown here, whichever header carries them.
    await code(await pull('', bank), 401, 'KEY_UNKNOWN');
    await code(await pull('', bank, { header: 'X-Bank-Key-Id' }), 401, 'KEY_UNKNOWN');
    await code(await pull('', prepaidPlatform), 401, 'KEY_UNKNOWN');
    await code(await pull('', prepaidPlatform, { header: 'X-Platform-Key-Id' }), 401, 'KEY_UNKNOWN');
    // The credit key is unknown on the bank and prepaid-platform interfaces.
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const bankPath = '/api/bank/v1/accounts';
    await code(
      await t
        .http()
        .get(bankPath)
        .set('X-Bank-Key-Id', credit.keyId)
        .set('X-Timestamp', ts)
        .set('X-Signature', signBankRequest(credit.secret, ts, 'GET', bankPath, '')),
      401,
      'KEY_UNKNOWN',
    );
    const body = JSON.stringify({ contracts: [] });
    await code(
      await t
        .http()
        .post('/api/platform/v1/contracts')
        .set('Content-Type', 'application/json')
        .set('X-Platform-Key-Id', credit.keyId)
        .set('X-Timestamp', ts)
        .set('X-Signature', signBankRequest(credit.secret, ts, 'POST', '/api/platform/v1/contracts', body))
        .set('Idempotency-Key', randomUUID())
        .send(body),
      401,
      'KEY_UNKNOWN',
    );
    // A staff login is no key; an unsigned request is refused.
    await code(await t.http().get(FEED).set('Authorization', `Bearer ${admin.token}`), 401, 'KEY_UNKNOWN');
    // Tampering: another secret, or a query changed after signing.
    await code(await pull('', credit, { secret: 'x'.repeat(43) }), 401, 'SIGNATURE_INVALID');
    await code(await pull('?limit=500', credit, { signedPath: `${FEED}?limit=1` }), 401, 'SIGNATURE_INVALID');
    // A revoked key at once.
    const second = await t.gql<{ issueCreditPlatformApiKey: Key }>(
      `mutation { issueCreditPlatformApiKey(input: { creditPlatformCode: "XIFENG_CREDIT" }) { keyId secret } }`,
      {},
      tok(admin),
    );
    const rotated = second.data!.issueCreditPlatformApiKey;
    expect((await pull('', rotated)).status).toBe(200);
    const revoked = await t.gql(
      `mutation($k: String!) { revokeCreditPlatformApiKey(input: { keyId: $k }) { active } }`,
      { k: rotated.keyId },
      tok(admin),
    );
    expect(revoked.data).toEqual({ revokeCreditPlatformApiKey: { active: false } });
    await code(await pull('', rotated), 401, 'KEY_REVOKED');
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'identity.credit_platform%'`,
    );
    expect(audit.n).toBe(4); // registered, two keys issued, one revoked
  });

  it('serves its OpenAPI document publicly, identical to the committed copy', async () => {
    const doc = (await t.http().get('/api/credit-platform/v1/openapi.json').expect(200)).body;
    expect(doc).toEqual(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'credit-platform-api.openapi.json'), 'utf8')),
    );
    expect(Object.keys(doc.paths)).toEqual(['/feed']);
  });
});
