import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { TestBankKey } from '../factories/identity.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';
import { TestPlatformKey, contractItem, platformPost, registerPlatform, sellingInstitution } from './prepaid-fixtures';

const BASE = '/api/platform/v1';

interface ItemResult {
  index: number;
  status: string;
  code?: string;
  message?: string;
  id?: string;
  contractCode?: string;
}

/**
 * The platform interface (docs/platform-api.md): signed batches from the national or provincial platform,
 * idempotent item by item by (platform, externalId), checked by the prepaid services' own rules, and a key
 * kind of its own (a bank key is unknown here, a platform key is unknown on the bank routes).
 */
describe('prepaid: the platform interface', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-09-28T02:00:00Z'); // Monday 28 September 2026, 10:00 CST
  let admin: LoggedIn;
  let bank: TestBankKey;
  let platform: TestPlatformKey;
  let creditCode: string;
  let courseId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
    platform = await registerPlatform(t, admin.token);
    const selling = await sellingInstitution(t, admin.token, bank.bankCode);
    creditCode = selling.account.institution.creditCode;
    courseId = selling.courseId;
  });
  afterAll(() => t?.close());

  const count = async (table: string) =>
    Number(((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]!.n);

  it('registers contracts item by item: ACCEPTED with the code to print, refusals with the rule’s code, nothing else stored', async () => {
    const before = await count('prepaid_contract');
    const good = contractItem(creditCode, courseId);
    const res = await platformPost(
      t,
      `${BASE}/contracts`,
      {
        contracts: [
          good,
          contractItem(creditCode, courseId, { paymentMethod: 'LOAN' }),
          contractItem(creditCode, courseId, { lessonsBought: 100, pricePerLesson: '100.00' }),
          contractItem(creditCode, courseId, { lessonsBought: 'many' }),
          contractItem('91520122MA6XXXXXXX', courseId),
        ],
      },
      platform,
    ).expect(200);
    const results = res.body.results as ItemResult[];
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 4 });
    expect(results[0]).toMatchObject({ index: 0, status: 'ACCEPTED' });
    expect(results[0]!.contractCode).toMatch(/^[3469ACDEFGHJKMNPQRTUVWXY]{4}(-[3469ACDEFGHJKMNPQRTUVWXY]{4}){3}$/);
    expect(results[1]).toMatchObject({ status: 'REJECTED', code: 'PREPAID_LOAN_REFUSED' });
    expect(results[2]).toMatchObject({ status: 'REJECTED', code: 'PREPAID_CHARGE_OVER_CAP' });
    expect(results[3]).toMatchObject({ status: 'REJECTED', code: 'INVALID' });
    expect(results[3]!.message).toMatch(/lessonsBought/);
    expect(results[4]).toMatchObject({ status: 'REJECTED', code: 'INSTITUTION_NOT_FOUND' });
    expect(await count('prepaid_contract')).toBe(before + 1);
    const [stored] = (await t.dataSource.query(
      `SELECT source, platform_code, external_ref FROM prepaid_contract WHERE id = $1`,
      [results[0]!.id],
    )) as { source: string; platform_code: string; external_ref: string }[];
    expect(stored).toEqual({ source: 'PLATFORM', platform_code: platform.platformCode, external_ref: good.externalId });

    // The same item again: DUPLICATE with its id (no new code); the same externalId with other content: CONFLICT.
    const again = await platformPost(
      t,
      `${BASE}/contracts`,
      { contracts: [good, { ...good, lessonsBought: 10 }] },
      platform,
    ).expect(200);
    expect(again.body.results).toEqual([
      { index: 0, status: 'DUPLICATE', id: results[0]!.id },
      {
        index: 1,
        status: 'REJECTED',
        code: 'CONFLICT',
        message: 'An item with this externalId and different content is already stored',
      },
    ]);
    expect(await count('prepaid_contract')).toBe(before + 1);
    const [audit] = (await t.dataSource.query(
      `SELECT actor_kind, actor_name, actor_bank_key_id FROM audit_log WHERE action = 'prepaid.contract.registered' AND entity_id = $1`,
      [results[0]!.id],
    )) as { actor_kind: string; actor_name: string; actor_bank_key_id: string }[];
    expect(audit).toEqual({
      actor_kind: 'platform',
      actor_name: platform.platformCode,
      actor_bank_key_id: platform.keyId,
    });
  });

  it('records lessons against its own contracts and confirms them, idempotently', async () => {
    const c = contractItem(creditCode, courseId);
    const reg = await platformPost(t, `${BASE}/contracts`, { contracts: [c] }, platform).expect(200);
    const contractId = (reg.body.results as ItemResult[])[0]!.id!;
    const l1 = {
      externalId: `L-${contractId}-1`,
      contractExternalId: c.externalId,
      taughtOn: '2026-09-21',
      lessons: 1,
    };
    const l2 = {
      externalId: `L-${contractId}-2`,
      contractExternalId: c.externalId,
      taughtOn: '2026-09-22',
      lessons: 1,
    };
    const recorded = await platformPost(
      t,
      `${BASE}/lesson-records`,
      {
        lessonRecords: [
          l1,
          l2,
          { externalId: `L-${contractId}-3`, contractExternalId: 'NEVER-SENT', taughtOn: '2026-09-22', lessons: 1 },
          { externalId: `L-${contractId}-4`, contractExternalId: c.externalId, taughtOn: '2026-10-30', lessons: 1 },
          l1,
        ],
      },
      platform,
    ).expect(200);
    const r = recorded.body.results as ItemResult[];
    expect(r.map((x) => [x.status, x.code])).toEqual([
      ['ACCEPTED', undefined],
      ['ACCEPTED', undefined],
      ['REJECTED', 'CONTRACT_NOT_SENT'],
      ['REJECTED', 'PREPAID_LESSON_DATE_REFUSED'], // in the future
      ['DUPLICATE', undefined],
    ]);
    expect(r[4]!.id).toBe(r[0]!.id);

    const confirmed = await platformPost(
      t,
      `${BASE}/lesson-confirmations`,
      {
        lessonConfirmations: [
          { externalId: `C-${contractId}-1`, lessonExternalId: l1.externalId },
          { externalId: `C-${contractId}-2`, lessonExternalId: l1.externalId },
          { externalId: `C-${contractId}-1`, lessonExternalId: l1.externalId },
        ],
      },
      platform,
    ).expect(200);
    expect((confirmed.body.results as ItemResult[]).map((x) => [x.status, x.code])).toEqual([
      ['ACCEPTED', undefined],
      ['REJECTED', 'PREPAID_LESSON_NOT_PENDING'],
      ['DUPLICATE', undefined],
    ]);
    const [row] = (await t.dataSource.query(
      `SELECT lessons_taught, lessons_confirmed FROM prepaid_contract WHERE id = $1`,
      [contractId],
    )) as { lessons_taught: number; lessons_confirmed: number }[];
    expect(row).toEqual({ lessons_taught: 2, lessons_confirmed: 1 });
    const [lesson] = (await t.dataSource.query(`SELECT status, confirmed_by FROM prepaid_lesson WHERE id = $1`, [
      r[0]!.id,
    ])) as { status: string; confirmed_by: string }[];
    expect(lesson).toEqual({ status: 'CONFIRMED', confirmed_by: 'PARENT' });
  });

  it('items of one batch see each other: the lessons the earlier records took, a refused id sent again corrected', async () => {
    const c = contractItem(creditCode, courseId, { lessonsBought: 2 });
    const reg = await platformPost(t, `${BASE}/contracts`, { contracts: [c] }, platform).expect(200);
    const contractId = (reg.body.results as ItemResult[])[0]!.id!;
    const rec = (n: number, taughtOn: string, lessons = 1, externalId = `B-${contractId}-${n}`) => ({
      externalId,
      contractExternalId: c.externalId,
      taughtOn,
      lessons,
    });
    const res = await platformPost(
      t,
      `${BASE}/lesson-records`,
      {
        lessonRecords: [
          rec(1, '2026-09-21'),
          rec(2, '2026-10-30'), // in the future: refused
          rec(2, '2026-09-22'), // the same id again, corrected: worked again and accepted
          rec(3, '2026-09-23'), // 2 bought, the two records above took them: none left
          rec(2, '2026-09-22'), // the accepted one again: a duplicate
        ],
      },
      platform,
    ).expect(200);
    const r = res.body.results as ItemResult[];
    expect(r.map((x) => [x.index, x.status, x.code])).toEqual([
      [0, 'ACCEPTED', undefined],
      [1, 'REJECTED', 'PREPAID_LESSON_DATE_REFUSED'],
      [2, 'ACCEPTED', undefined],
      [3, 'REJECTED', 'PREPAID_LESSONS_EXCEED_BOUGHT'],
      [4, 'DUPLICATE', undefined],
    ]);
    expect(r[4]!.id).toBe(r[2]!.id);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2 });
    const lessons = (await t.dataSource.query(
      `SELECT taught_on::text AS taught_on, lessons FROM prepaid_lesson WHERE contract_id = $1 ORDER BY taught_on`,
      [contractId],
    )) as { taught_on: string; lessons: number }[];
    expect(lessons).toEqual([
      { taught_on: '2026-09-21', lessons: 1 },
      { taught_on: '2026-09-22', lessons: 1 },
    ]);
    const [row] = (await t.dataSource.query(`SELECT lessons_taught FROM prepaid_contract WHERE id = $1`, [
      contractId,
    ])) as { lessons_taught: number }[];
    expect(row!.lessons_taught).toBe(2);
    // The claims: the accepted ids with what they became (the stored hash is the accepted content's), no refused one.
    const claims = (await t.dataSource.query(
      `SELECT external_id, entity_id FROM prepaid_platform_item WHERE kind = 'LESSON_RECORD' AND external_id LIKE $1 ORDER BY external_id`,
      [`B-${contractId}-%`],
    )) as { external_id: string; entity_id: string }[];
    expect(claims).toEqual([
      { external_id: `B-${contractId}-1`, entity_id: r[0]!.id },
      { external_id: `B-${contractId}-2`, entity_id: r[2]!.id },
    ]);
    const again = await platformPost(
      t,
      `${BASE}/lesson-records`,
      { lessonRecords: [rec(2, '2026-09-22'), rec(2, '2026-10-30'), rec(3, '2026-09-23')] },
      platform,
    ).expect(200);
    expect((again.body.results as ItemResult[]).map((x) => [x.status, x.code])).toEqual([
      ['DUPLICATE', undefined],
      ['REJECTED', 'CONFLICT'],
      ['REJECTED', 'PREPAID_LESSONS_EXCEED_BOUGHT'],
    ]);
    // Each accepted record has its event and audit row, written with the batch.
    const [{ events }] = (await t.dataSource.query(
      `SELECT count(*)::int AS events FROM outbox WHERE name = 'prepaid.lesson.recorded' AND payload->>'contractId' = $1`,
      [contractId],
    )) as { events: number }[];
    expect(events).toBe(2);
    const [{ audits }] = (await t.dataSource.query(
      `SELECT count(*)::int AS audits FROM audit_log WHERE action = 'prepaid.lesson.recorded' AND entity_id = ANY($1::varchar[])`,
      [[r[0]!.id, r[2]!.id]],
    )) as { audits: number }[];
    expect(audits).toBe(2);
  });

  it('a batch of lesson records costs the same statements whatever its size', async () => {
    // The per-request count of the access log (http_request_db_queries): background work does not count.
    const histogram = t.app.get(MetricsService).httpQueries;
    const sum = async () =>
      (await histogram.get()).values.find(
        (v) => v.metricName === 'http_request_db_queries_sum' && v.labels.route === `${BASE}/lesson-records`,
      )?.value ?? 0;
    const statements = async (n: number): Promise<number> => {
      const items = Array.from({ length: n }, () => contractItem(creditCode, courseId, { lessonsBought: 5 }));
      await platformPost(t, `${BASE}/contracts`, { contracts: items }, platform).expect(200);
      const lessonRecords = items.map((c, k) => ({
        externalId: `S-${c.externalId}-${k}`,
        contractExternalId: c.externalId,
        taughtOn: '2026-09-21',
        lessons: 1,
      }));
      const before = await sum();
      const res = await platformPost(t, `${BASE}/lesson-records`, { lessonRecords }, platform).expect(200);
      expect(res.body).toMatchObject({ accepted: n, rejected: 0 });
      return (await sum()) - before;
    };
    const one = await statements(1);
    expect(one).toBeGreaterThan(0);
    expect(await statements(20)).toBe(one);
  });

  it('a platform reaches only what it sent: another platform’s contract is CONTRACT_NOT_SENT', async () => {
    const other = await registerPlatform(t, admin.token);
    const c = contractItem(creditCode, courseId);
    await platformPost(t, `${BASE}/contracts`, { contracts: [c] }, platform).expect(200);
    const res = await platformPost(
      t,
      `${BASE}/lesson-records`,
      { lessonRecords: [{ externalId: 'X-1', contractExternalId: c.externalId, taughtOn: '2026-09-21', lessons: 1 }] },
      other,
    ).expect(200);
    expect(res.body.results[0]).toMatchObject({ status: 'REJECTED', code: 'CONTRACT_NOT_SENT' });
  });

  it('refuses a bad envelope with 400 and writes nothing', async () => {
    const before = await count('prepaid_platform_item');
    const empty = await platformPost(t, `${BASE}/contracts`, { contracts: [] }, platform).expect(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    const extra = await platformPost(t, `${BASE}/contracts`, { contracts: [{}], more: 1 }, platform).expect(400);
    expect(extra.body.errors).toContainEqual({ path: 'more', message: 'property more should not exist' });
    const big = await platformPost(
      t,
      `${BASE}/lesson-confirmations`,
      { lessonConfirmations: Array.from({ length: 1001 }, (_, i) => ({ externalId: `B${i}`, lessonExternalId: 'x' })) },
      platform,
    ).expect(400);
    expect(big.body.code).toBe('VALIDATION_FAILED');
    expect(await count('prepaid_platform_item')).toBe(before);
  });

  it('keeps the key kinds apart: a bank key is unknown on platform routes, a platform key on bank routes', async () => {
    const body = { contracts: [contractItem(creditCode, courseId)] };
    // A bank key presented as a platform key, and on the bank header: both refused before any work.
    const asPlatform = await platformPost(t, `${BASE}/contracts`, body, bank).expect(401);
    expect(asPlatform.body.code).toBe('KEY_UNKNOWN');
    const withBankHeader = await t.bankRequest('POST', `${BASE}/contracts`, body, bank).expect(401);
    expect(withBankHeader.body.code).toBe('KEY_UNKNOWN');
    // A platform key on the bank interface.
    const onBank = await t
      .bankRequest('GET', '/api/bank/v1/accounts', undefined, {
        bankCode: platform.platformCode,
        keyId: platform.keyId,
        secret: platform.secret,
      })
      .expect(401);
    expect(onBank.body.code).toBe('KEY_UNKNOWN');
    // Unsigned, wrongly signed and revoked platform requests.
    await t.http().post(`${BASE}/contracts`).send(body).expect(401);
    const forged = await platformPost(t, `${BASE}/contracts`, body, { keyId: platform.keyId, secret: 'wrong' }).expect(
      401,
    );
    expect(forged.body.code).toBe('SIGNATURE_INVALID');
    const spare = await registerPlatform(t, admin.token);
    const revoked = await t.gql(
      `mutation($k: String!) { revokePlatformApiKey(input: { keyId: $k }) { active } }`,
      { k: spare.keyId },
      admin.token,
    );
    expect(revoked.data).toEqual({ revokePlatformApiKey: { active: false } });
    const refused = await platformPost(t, `${BASE}/contracts`, body, spare).expect(401);
    expect(refused.body.code).toBe('KEY_REVOKED');
  });

  it('serves its OpenAPI document, identical to the committed copy', async () => {
    const doc = (await t.http().get(`${BASE}/openapi.json`).expect(200)).body;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(doc).toEqual(require('../../docs/platform-api.openapi.json'));
    expect(Object.keys(doc.paths).sort()).toEqual(['/contracts', '/lesson-confirmations', '/lesson-records']);
  });

  it('platforms are managed by county administrators only, audited', async () => {
    const officer = await t.loginAs(Role.TOWNSHIP_OFFICER);
    const denied = await t.gql(
      `mutation { registerPartnerPlatform(input: { code: "X_PLATFORM", name: "x" }) { code } }`,
      {},
      officer.token,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await t.gql<{ partnerPlatforms: { code: string; apiKeys: { keyId: string; active: boolean }[] }[] }>(
      `{ partnerPlatforms { code apiKeys { keyId active } } }`,
      {},
      admin.token,
    );
    expect(list.data!.partnerPlatforms.find((p) => p.code === platform.platformCode)?.apiKeys).toEqual([
      { keyId: platform.keyId, active: true },
    ]);
    const audit = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`, [
      platform.platformCode,
      platform.keyId,
    ])) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['identity.platform.registered', 'identity.platform_key.issued']),
    );
  });
});
