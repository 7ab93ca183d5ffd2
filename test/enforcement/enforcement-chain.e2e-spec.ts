import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainEvent } from '../../src/platform/events';
// A test may reach a module's internals through the Nest container: here, to deliver one event twice.
// eslint-disable-next-line local/module-boundaries
import { CreditFeedSubscriber } from '../../src/modules/credit/subscribers/credit-feed.subscriber';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const NOW = '2026-11-20T02:00:00Z'; // 10:00 on 20 Nov 2026 in Xifeng
const FEED = '/api/credit-platform/v1/feed';

interface FeedItem {
  id: string;
  sequence: string;
  kind: string;
  subjectId: string;
  record: Record<string, unknown>;
}
interface FeedPage {
  items: FeedItem[];
  nextCursor: string;
  hasMore: boolean;
}
interface Decision {
  id: string;
  decisionNumber: string;
  subjectName: string;
  creditCode: string | null;
  kinds: string[];
  legalBasis: string;
  facts: string;
  decidedOn: string;
  publishedUntil: string;
  institution: { id: string; status: string };
  findings: { id: string }[];
}
interface Section {
  section: string;
  figures: { key: string; value: string | null; target: string | null; display: string }[];
}

/**
 * Issue #23's chain across the real modules, nothing published by hand: a supervision finding → a penalty
 * decision (行政处罚) → the registry suspends the institution, credit records it, the public profile shows
 * it → the credit-sharing platform (信用信息共享平台) pulls it once from the signed feed → the month's report
 * counts it as the dashboard does → its withdrawal reaches the feed and takes it off the profile.
 */
describe('enforcement chain: finding → penalty → registry, credit, profile, feed, report', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let admin: LoggedIn;
  let edu: LoggedIn;
  let key: { keyId: string; secret: string };
  let institution: { id: string; creditCode: string };
  let findingId: string;
  let decision: Decision;
  let cursor: string;

  const tok = (u: LoggedIn) => t.tokenFor(u.id);
  const ok = <T>(res: { data?: T | null; errors?: unknown }): T => {
    if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  /** The platform's signed pull, as docs/credit-platform-api.md says. */
  const pull = async (after?: string): Promise<FeedPage> => {
    const p = after ? `${FEED}?after=${after}` : FEED;
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const res = await t
      .http()
      .get(p)
      .set('X-Credit-Platform-Key-Id', key.keyId)
      .set('X-Timestamp', ts)
      .set('X-Signature', signBankRequest(key.secret, ts, 'GET', p, ''));
    expect(res.status).toBe(200);
    return res.body as FeedPage;
  };
  const profile = async () =>
    ok(
      await t.gql<{ institutionPublicProfile: { status: string; penalties: Record<string, unknown>[] } }>(
        `query($c: String!) { institutionPublicProfile(creditCode: $c) {
           status penalties { decisionNumber kinds fine decidedOn decidingDepartmentCode publishedUntil carriedOut } } }`,
        { c: institution.creditCode },
      ),
    ).institutionPublicProfile;
  const feedCount = async () =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM credit_feed_item`))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, edu] = await Promise.all([t.loginAs(Role.COUNTY_ADMIN), t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU')]);
    institution = await createInstitution(t);
    // The credit-sharing platform and its own key.
    ok(
      await t.gql(
        `mutation($input: RegisterCreditPlatformInput!) { registerCreditPlatform(input: $input) { code } }`,
        { input: { code: 'XIFENG_CREDIT', name: '息烽县信用信息共享平台' } },
        tok(admin),
      ),
    );
    key = ok(
      await t.gql<{ issueCreditPlatformApiKey: { keyId: string; secret: string } }>(
        `mutation { issueCreditPlatformApiKey(input: { creditPlatformCode: "XIFENG_CREDIT" }) { keyId secret } }`,
        {},
        tok(admin),
      ),
    ).issueCreditPlatformApiKey;
    // A finding on the institution, through supervision's own commands.
    const taskId = ok(
      await t.gql<{ createSupervisionTask: { id: string } }>(
        `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
        {
          input: {
            type: 'SPECIAL_INSPECTION',
            title: '学科类培训专项检查',
            targetKind: 'INSTITUTION',
            targetId: institution.id,
            leadDepartmentCode: 'EDU',
            dueAt: '2026-11-30T09:00:00Z',
          },
        },
        tok(edu),
      ),
    ).createSupervisionTask.id;
    ok(await t.gql(`mutation($id: ID!) { startTask(input: { id: $id }) { id } }`, { id: taskId }, tok(edu)));
    findingId = ok(
      await t.gql<{ recordFinding: { id: string } }>(
        `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
        {
          input: {
            taskId,
            summary: '发现超范围学科类培训',
            checklistResults: [{ code: 'LICENCE', result: 'FAIL' }],
            evidence: [],
            violations: [],
          },
        },
        tok(edu),
      ),
    ).recordFinding.id;
    await t.settle();
  }, 60000);
  afterAll(() => t?.close());

  it('a decision on the finding suspends the institution, is recorded in credit, shown publicly and fed once', async () => {
    const before = await pull(); // whatever the finding itself fed (nothing of this decision yet)
    expect(before.items.filter((i) => i.kind.startsWith('PENALTY_'))).toEqual([]);
    decision = ok(
      await t.gql<{ decidePenalty: Decision }>(
        `mutation($input: DecidePenaltyInput!) { decidePenalty(input: $input) {
           id decisionNumber subjectName creditCode kinds legalBasis facts decidedOn publishedUntil
           institution { id status } findings { id } } }`,
        {
          input: {
            decisionNumber: '息教罚决字〔2026〕11号',
            institutionId: institution.id,
            kinds: ['ENROLMENT_SUSPENDED', 'FINE'],
            fine: '30000.00',
            legalBasis: '《校外培训行政处罚暂行办法》第十四条',
            facts: '超出许可范围开展学科类培训，经督导检查查实。',
            findingIds: [findingId],
            decidingDepartmentCode: 'EDU',
            noticeServedOn: '2026-11-10',
            decidedOn: '2026-11-20', // today: the dashboard counts it at once
          },
        },
        tok(edu),
      ),
    ).decidePenalty;
    expect(decision).toMatchObject({
      institution: { id: institution.id, status: 'SUSPENDED' },
      findings: [{ id: findingId }],
      creditCode: institution.creditCode,
      publishedUntil: '2027-11-20',
    });
    const [record] = await t.dataSource.query(
      `SELECT severity, institution_id FROM credit_record WHERE source = 'ADMINISTRATIVE_PENALTY' AND source_reference = $1`,
      [decision.id],
    );
    expect(record).toEqual({ severity: 'SERIOUS', institution_id: institution.id });
    expect(await profile()).toEqual({
      status: 'SUSPENDED',
      penalties: [
        {
          decisionNumber: '息教罚决字〔2026〕11号',
          kinds: ['ENROLMENT_SUSPENDED', 'FINE'],
          fine: '30000.00',
          decidedOn: '2026-11-20',
          decidingDepartmentCode: 'EDU',
          publishedUntil: '2027-11-20',
          carriedOut: false,
        },
      ],
    });

    // The platform, pulling from where it stopped, receives the publication once the event is handled.
    const fed = await waitFor(
      async () => {
        const p = await pull(before.nextCursor);
        return p.items.length > 0 && p;
      },
      { what: 'the penalty in the credit feed' },
    );
    await t.settle();
    const page = await pull(before.nextCursor);
    expect(page.items.map((i) => [i.kind, i.subjectId])).toEqual([['PENALTY_PUBLISHED', decision.id]]);
    expect(page.items[0]!.id).toBe(fed.items[0]!.id);
    expect(page.items[0]!.record).toEqual({
      penaltyId: decision.id,
      decisionNumber: '息教罚决字〔2026〕11号',
      institutionId: institution.id,
      leadId: null,
      subjectName: decision.subjectName,
      creditCode: institution.creditCode,
      kinds: ['ENROLMENT_SUSPENDED', 'FINE'],
      fineFen: '3000000',
      confiscatedFen: null,
      legalBasis: decision.legalBasis,
      facts: decision.facts,
      decidingDepartmentCode: 'EDU',
      decidedOn: '2026-11-20',
      publishedUntil: '2027-11-20',
      status: 'PUBLISHED',
      withdrawalReason: null,
    });
    cursor = page.nextCursor;
    expect(await pull(cursor)).toMatchObject({ items: [], hasMore: false });

    // Delivered again — by the outbox relay, and straight to the subscriber — it appends nothing.
    const count = await feedCount();
    const [row] = await t.dataSource.query(
      `SELECT event_id, occurred_at, payload FROM outbox WHERE name = 'enforcement.penalty.published' AND payload->>'penaltyId' = $1`,
      [decision.id],
    );
    await t.dataSource.query(`UPDATE outbox SET published_at = NULL WHERE event_id = $1`, [row.event_id]);
    await t.settle();
    const [relayed] = await t.dataSource.query(`SELECT published_at FROM outbox WHERE event_id = $1`, [row.event_id]);
    expect(relayed.published_at).not.toBeNull(); // the relay took it again
    const event = {
      eventId: row.event_id,
      name: 'enforcement.penalty.published',
      version: 1,
      occurredAt: new Date(row.occurred_at).toISOString(),
      requestId: null,
      payload: row.payload,
    } as DomainEvent<'enforcement.penalty.published'>;
    await t.dataSource.transaction((em) => t.app.get(CreditFeedSubscriber).onPenaltyPublished(event, em));
    expect(await feedCount()).toBe(count);
    expect(await pull(cursor)).toMatchObject({ items: [], hasMore: false });
  });

  it("the month's report counts the decision in its enforcement section, equal to the dashboard's for the month's end", async () => {
    const figure = (sections: Section[], key: string) =>
      sections.find((s) => s.section === 'enforcement')!.figures.find((f) => f.key === `enforcement.${key}`)?.value;
    // Today's dashboard (a window ending now) already counts the decision dated today.
    const today = ok(
      await t.gql<{ dashboard: { targets: { sections: Section[] } } }>(
        `{ dashboard { targets { sections { section figures { key value target display } } } } }`,
        {},
        tok(admin),
      ),
    ).dashboard.targets;
    expect(figure(today.sections, 'penaltiesDecided')).toBe('1');
    clock.set('2026-12-01T03:00:00Z'); // November is over
    const report = ok(
      await t.gql<{ generateSupervisionReport: { targets: Section[] } }>(
        `mutation { generateSupervisionReport(input: { period: "2026-11" }) {
           targets { section figures { key value target display } } } }`,
        {},
        tok(admin),
      ),
    ).generateSupervisionReport;
    const section = report.targets.find((s) => s.section === 'enforcement')!;
    const value = (key: string) => figure(report.targets, key);
    expect(value('penaltiesDecided')).toBe('1');
    expect(value('decidedEnrolmentSuspended')).toBe('1');
    expect(value('decidedFine')).toBe('1');
    expect(value('decidedWarning')).toBe('0');
    expect(value('finesFen')).toBe('3000000');
    expect(value('againstUnlicensed')).toBe('0');
    const dash = ok(
      await t.gql<{ dashboard: { targets: { asOf: string; sections: Section[] } } }>(
        `{ dashboard(asOf: "2026-11-30") { targets { asOf sections { section figures { key value target display } } } } }`,
        {},
        tok(admin),
      ),
    ).dashboard.targets;
    expect(dash.asOf).toBe('2026-11-30');
    expect(dash.sections.find((s) => s.section === 'enforcement')).toEqual(section);
  });

  it('a withdrawal reaches the platform after its cursor and takes the decision off the public profile', async () => {
    ok(
      await t.gql(
        `mutation($input: WithdrawPenaltyInput!) { withdrawPenalty(input: $input) { status } }`,
        {
          input: {
            id: decision.id,
            ground: 'ADMINISTRATIVE_REVIEW',
            reason: '息政复决字〔2026〕3号 撤销',
            withdrawnOn: '2026-12-01',
          },
        },
        tok(admin),
      ),
    );
    expect((await profile()).penalties).toEqual([]);
    await waitFor(async () => (await pull(cursor)).items.length > 0, { what: 'the withdrawal in the credit feed' });
    await t.settle();
    const page = await pull(cursor);
    expect(page.items.map((i) => [i.kind, i.subjectId])).toEqual([['PENALTY_WITHDRAWN', decision.id]]);
    expect(page.items[0]!.record).toMatchObject({
      penaltyId: decision.id,
      decisionNumber: '息教罚决字〔2026〕11号',
      status: 'WITHDRAWN',
      withdrawalReason: 'ADMINISTRATIVE_REVIEW: 息政复决字〔2026〕3号 撤销',
    });
    expect(await pull(page.nextCursor)).toMatchObject({ items: [], hasMore: false });
  });
});
