import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createHttpApp } from '../src/http-app';
import { IdentityFacade } from '../src/modules/identity';
import { signBankRequest } from '../src/platform/auth/bank-signature';
import { systemPrincipal } from '../src/platform/auth/principal';
import { businessDate } from '../src/platform/clock/business-time';
import { queryCount } from '../src/platform/database/query-counter';
import { createRootLogger } from '../src/platform/logging/logger';
import { Headline, benchDatabase, machine, percentile, ratioOf, writeResult } from './bench-support';

/**
 * npm run bench:platform — signed HTTP batches of 1,000 lesson records (消课记录) from a partner platform
 * through the real application (signature, rate limit, idempotency, item checks, the (platform, externalId)
 * claim, LessonService's rules and counters, events, audit), beside a plain multi-row INSERT of the same
 * rows into prepaid_lesson in the same run. Items/s of each and their ratio are printed.
 */
const N = Number(process.env.BENCH_BATCHES ?? 2);
const SIZE = 1000;
const LESSONS_PER_CONTRACT = 20; // one lesson a day over the last 20 days
const CONTRACTS = (N * SIZE) / LESSONS_PER_CONTRACT;

const day = (base: string, offset: number): string => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

interface Figures {
  path: string;
  items: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  /** SQL statements the process sent per batch (db_queries_total), when counted. */
  statements?: number;
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: db.url,
    REDIS_URL: '',
    APP_ROLE: 'api',
    LOG_LEVEL: 'warn',
    BANK_RATE_PER_SECOND: '100000',
    BANK_RATE_BURST: '100000',
    QUEUE_PREFIX: `bench${Date.now().toString(36)}`,
  });
  let app: INestApplication | undefined;
  const rows: Figures[] = [];
  try {
    app = await createHttpApp({ config, databaseUrl: db.url, embeddedDatabase: false }, createRootLogger('warn'));
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const ds = app.get(DataSource);
    const actor = systemPrincipal('bench');
    const identity = app.get(IdentityFacade);
    await identity.registerPlatform(actor, { code: 'BENCH_PLATFORM', name: '基准测试平台' });
    const key = await identity.issuePlatformKey(actor, 'BENCH_PLATFORM');
    const today = businessDate(new Date(), config.timeZone);

    // One operating non-subject institution with a risk reserve, a course taught every day (fixtures).
    const [inst] = (await ds.query(
      `INSERT INTO institution (name, credit_code, category, non_subject_kind, legal_form, competent_department_code,
         licence_number, licence_valid_from, licence_valid_until, township_code, address, legal_representative,
         contact_phone, party_organisation_covered, party_work_covered, status, created_at, updated_at)
       VALUES ('基准测试机构', '91520122MA6BENCH01', 'NON_SUBJECT', 'ARTS', 'FOR_PROFIT', 'EDU', '教民1520122700001号',
         '2025-01-01', '2030-12-31', '520122001', '测试路 1 号', '张三', '0851-87700000', false, true, 'OPERATING', now(), now())
       RETURNING id`,
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO escrow_risk_reserve (institution_id, township_code, institution_category, amount_fen, bank_name, deposited_on, status, registered_at)
       VALUES ($1, '520122001', 'NON_SUBJECT', 10000000, '基准测试银行', $2::date - 365, 'ACTIVE', now())`,
      [inst!.id, today],
    );
    const slots = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '16:00', end: '17:00' })));
    const [course] = (await ds.query(
      `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen, term_start, term_end, weekly_slots, created_at)
       VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 15000, $2::date - 60, $2::date + 60, $3::jsonb, now()) RETURNING id`,
      [inst!.id, today, slots],
    )) as { id: string }[];

    const post = async (path: string, body: string, expectAccepted: number): Promise<number> => {
      const ts = String(Math.floor(Date.now() / 1000));
      const started = performance.now();
      const res = await fetch(base + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Platform-Key-Id': key.keyId,
          'X-Timestamp': ts,
          'X-Signature': signBankRequest(key.secret, ts, 'POST', path, body),
          'Idempotency-Key': randomUUID(),
        },
        body,
      });
      const json = (await res.json()) as { accepted?: number };
      if (res.status !== 200 || json.accepted !== expectAccepted)
        throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 400)}`);
      return performance.now() - started;
    };

    // The contracts the lesson records are against, sent by the platform (not measured).
    const contractIds: string[] = [];
    for (let from = 0; from < CONTRACTS; from += 100) {
      const items = Array.from({ length: Math.min(100, CONTRACTS - from) }, (_, k) => ({
        externalId: `C-${from + k}`,
        institutionCreditCode: '91520122MA6BENCH01',
        courseId: course!.id,
        studentName: `学员${from + k}`,
        payerName: `家长${from + k}`,
        payerPhone: `1380000${String(from + k).padStart(4, '0')}`,
        lessonsBought: LESSONS_PER_CONTRACT,
        lessonMinutes: 60,
        pricePerLesson: '100.00',
        periodStart: day(today, -30),
        periodEnd: day(today, 30),
        paymentRoute: 'RISK_RESERVE',
        paymentMethod: 'MOBILE_PAYMENT',
        refundTerms: '按未消课时退费',
      }));
      await post('/api/platform/v1/contracts', JSON.stringify({ contracts: items }), items.length);
    }
    for (const r of (await ds.query(
      `SELECT entity_id FROM prepaid_platform_item WHERE kind = 'CONTRACT' ORDER BY external_id`,
    )) as { entity_id: string }[])
      contractIds.push(r.entity_id);

    // N batches of SIZE lesson records: batch b holds lesson days [b·SIZE/CONTRACTS …) of every contract.
    const perBatchDays = SIZE / CONTRACTS;
    const bodies = Array.from({ length: N }, (_, b) =>
      JSON.stringify({
        lessonRecords: Array.from({ length: SIZE }, (_, k) => {
          const c = k % CONTRACTS;
          const d = b * perBatchDays + Math.floor(k / CONTRACTS);
          return { externalId: `L-${c}-${d}`, contractExternalId: `C-${c}`, taughtOn: day(today, -1 - d), lessons: 1 };
        }),
      }),
    );
    const latencies: number[] = [];
    const queriesBefore = queryCount();
    const start = performance.now();
    for (const body of bodies) latencies.push(await post('/api/platform/v1/lesson-records', body, SIZE));
    const seconds = (performance.now() - start) / 1000;
    const statements = (queryCount() - queriesBefore) / N;
    latencies.sort((a, b) => a - b);
    rows.push({
      path: 'signed platform batch → service',
      items: N * SIZE,
      perSecond: (N * SIZE) / seconds,
      p50ms: percentile(latencies, 50),
      p99ms: percentile(latencies, 99),
      statements,
    });

    // The same rows, inserted plainly: one multi-row INSERT per 1,000.
    const raw: number[] = [];
    const rawStart = performance.now();
    for (let b = 0; b < N; b++) {
      const t0 = performance.now();
      await ds.query(
        `INSERT INTO prepaid_lesson (contract_id, institution_id, taught_on, lessons, recorded_at, recorded_by_name, status, confirm_due_on)
         SELECT c, $2, $3::date - (k % 20)::int, 1, now(), 'bench', 'PENDING', $3::date + 21
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(c, k)`,
        [Array.from({ length: SIZE }, (_, k) => contractIds[k % contractIds.length]), inst!.id, today],
      );
      raw.push(performance.now() - t0);
    }
    const rawSeconds = (performance.now() - rawStart) / 1000;
    raw.sort((a, b) => a - b);
    rows.push({
      path: 'plain INSERT',
      items: N * SIZE,
      perSecond: (N * SIZE) / rawSeconds,
      p50ms: percentile(raw, 50),
      p99ms: percentile(raw, 99),
      statements: 1,
    });
  } finally {
    await app?.close();
    await db.drop();
  }
  const m = machine();
  console.log(
    `\nbench:platform — ${N} batches × ${SIZE} lesson records over ${CONTRACTS} contracts, ${m.cores} cores, ${m.cpu}, Node ${m.node}`,
  );
  console.table(
    rows.map((r) => ({
      path: r.path,
      'items/s': Math.round(r.perSecond),
      'p50 ms/batch': r.p50ms.toFixed(1),
      'p99 ms/batch': r.p99ms.toFixed(1),
      'statements/batch': r.statements ?? '',
    })),
  );
  const [service, plain] = rows;
  const headline: Headline[] = [];
  if (service && plain) {
    const ratio = ratioOf(service.perSecond, plain.perSecond);
    // Item by item through the services (claim, rules, counters, event, audit per item): far below 0.01 × raw.
    console.log(
      `lesson records: the platform interface ingests at ${(service.perSecond / plain.perSecond).toPrecision(2)} × the plain INSERT rate`,
    );
    headline.push({
      benchmark: 'platform ingest',
      metric: 'lesson records: items/s (1,000-item signed batches)',
      service: Math.round(service.perSecond),
      baseline: Math.round(plain.perSecond),
      unit: 'items/s',
      ratio,
    });
  }
  console.log(`written to ${writeResult('platform-ingest', { batches: N, batchSize: SIZE, rows, headline })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
