import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { openAccount, TestAccount } from '../factories/escrow.factory';
import { TestApp } from '../support/test-app';

/** A partner platform with one key, made through the GraphQL mutations a county administrator uses. */
export interface TestPlatformKey {
  platformCode: string;
  keyId: string;
  secret: string;
}

let seq = 0;

export async function registerPlatform(t: TestApp, adminToken: string): Promise<TestPlatformKey> {
  const code = `PLATFORM_${++seq}_${Math.floor(Math.random() * 1e6)}`;
  const reg = await t.gql(
    `mutation($input: RegisterPartnerPlatformInput!) { registerPartnerPlatform(input: $input) { code } }`,
    { input: { code, name: '全国校外教育培训监管与服务综合平台' } },
    adminToken,
  );
  if (reg.errors) throw new Error(JSON.stringify(reg.errors));
  const key = await t.gql<{ issuePlatformApiKey: { keyId: string; secret: string } }>(
    `mutation($c: String!) { issuePlatformApiKey(input: { platformCode: $c }) { keyId secret } }`,
    { c: code },
    adminToken,
  );
  if (!key.data) throw new Error(JSON.stringify(key.errors));
  return { platformCode: code, ...key.data.issuePlatformApiKey };
}

/** A POST signed with a platform key (X-Platform-Key-Id), at the test clock's time. */
export function platformPost(
  t: TestApp,
  path: string,
  body: unknown,
  key: { keyId: string; secret: string },
  idem?: string,
) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  return t
    .http()
    .post(path)
    .set('Content-Type', 'application/json')
    .set('X-Platform-Key-Id', key.keyId)
    .set('X-Timestamp', timestamp)
    .set('X-Signature', signBankRequest(key.secret, timestamp, 'POST', path, raw))
    .set('Idempotency-Key', idem ?? `k-${++seq}-${Math.random().toString(36).slice(2)}`)
    .send(raw);
}

/** An operating non-subject institution with an escrow account and a course taught every day of the week. */
export async function sellingInstitution(
  t: TestApp,
  adminToken: string,
  bankCode: string,
): Promise<{ account: TestAccount; courseId: string }> {
  const account = await openAccount(t, adminToken, bankCode);
  const slots = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '16:00', end: '17:00' })));
  const [course] = (await t.dataSource.query(
    `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen, term_start, term_end, weekly_slots, created_at)
     VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 15000, '2026-09-01', '2027-01-31', $2::jsonb, now()) RETURNING id`,
    [account.institution.id, slots],
  )) as { id: string }[];
  return { account, courseId: course!.id };
}

/** A contract item of the platform interface (and the fields of registerPrepaidContract), for a new family. */
export function contractItem(creditCode: string, courseId: string, over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    externalId: `NP-${seq}-${Math.floor(Math.random() * 1e9)}`,
    institutionCreditCode: creditCode,
    courseId,
    studentName: `李小明${seq}`, // a new family each time: top-ups of one family count against one cap
    payerName: '李大明',
    payerPhone: '13800001234',
    lessonsBought: 20,
    lessonMinutes: 60,
    pricePerLesson: '150.00',
    periodStart: '2026-09-01',
    periodEnd: '2026-11-30',
    paymentRoute: 'ESCROW_ACCOUNT',
    paymentMethod: 'MOBILE_PAYMENT',
    refundTerms: '按未消课时全额退费',
    ...over,
  };
}
