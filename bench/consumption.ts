import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Runtime, loadConfig } from '../src/config/app-config';
import { AutoConfirmTask, ReleaseTask } from '../src/modules/prepaid';
import { Headline, benchDatabase, ratioOf, writeResult } from './bench-support';

/**
 * npm run bench:consumption — does the daily 一课一消 work follow the due lessons or the table?
 * Run 1: 1,000,000 lesson records of which 10,000 are due for auto-confirmation (the rest confirmed long
 * ago, or pending and not yet due), on 10,000 contracts. Run 2: 10,000 lesson records, all due, on the same
 * 10,000 contracts. Each run times the auto-confirm (AutoConfirmTask) and then the release computation
 * (ReleaseTask: one RELEASE instruction per escrow account for the money the new confirmations earned);
 * both runs do the same work (10,000 confirmations, 10,000 contracts released on 100 accounts).
 */
const TOTAL = Number(process.env.BENCH_LESSONS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);
const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 100);
const NOW = new Date('2026-11-30T02:00:00Z'); // Monday 30 November 2026, 10:00 in Xifeng
const TODAY = '2026-11-30';
const PRICE_FEN = 10_000;

/** Institutions, accounts and courses once; contracts per run (one due lesson record each). */
async function seedCounty(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO partner_bank (code, name, created_at) VALUES ('BENCH_BANK', '基准银行', now())`);
  await ds.query(
    `INSERT INTO institution (name, credit_code, category, non_subject_kind, legal_form, competent_department_code, township_code, address,
       legal_representative, contact_phone, status, created_at, updated_at)
     SELECT 'bench ' || g, lpad(g::text, 18, '0'), 'NON_SUBJECT', 'ARTS', 'FOR_PROFIT', 'EDU',
            (SELECT min(code) FROM township), 'bench', 'bench', '0851', 'OPERATING', now(), now()
     FROM generate_series(1, $1) AS g`,
    [INSTITUTIONS],
  );
  await ds.query(
    `INSERT INTO escrow_account (institution_id, bank_code, account_no, status, township_code, institution_category, opened_on, required_custody_fen, opened_at, updated_at)
     SELECT id, 'BENCH_BANK', 'B' || row_number() OVER (ORDER BY id), 'ACTIVE', township_code, category, '2026-01-01', 0, now(), now()
     FROM institution`,
  );
  await ds.query(
    `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen,
       term_start, term_end, weekly_slots, extra_sessions, created_at)
     SELECT id, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, ${PRICE_FEN}, '2026-09-01', '2027-01-31', '[]', '[]', now() FROM institution`,
  );
}

/**
 * `total` lesson records on DUE contracts, r = total / DUE records each (one lesson per record): record 0 of
 * each contract is PENDING and due (1–5 days ago); of the others, 9 in 10 were CONFIRMED long ago (and
 * their value released), the rest PENDING and due in the coming weeks. Bulk-loaded with the secondary
 * indexes dropped and built again, as a data import would, then analysed and checkpointed.
 */
async function seed(ds: DataSource, total: number): Promise<number> {
  const started = performance.now();
  const perContract = Math.floor(total / DUE);
  const confirmedRows = Math.floor((perContract - 1) * 0.9);
  await ds.query(
    `INSERT INTO prepaid_contract (contract_code_hash, institution_id, township_code, competent_department_code, course_id,
       student_name_enc, payer_name_enc, payer_phone_enc, payer_phone_last4_hash, payer_hash, lessons_bought, lesson_minutes,
       price_per_lesson_fen, total_fen, period_start, period_end, payment_route, escrow_account_id, refund_terms, source,
       created_at, created_by_name, matched_txn_id, matched_at, matched_payer_ref, lessons_taught, lessons_confirmed, released_fen)
     SELECT md5('bench-contract-' || g), i.id, i.township_code, 'EDU', co.id, 'x', 'x', 'x', 'h', md5('payer-' || g), $2, 60,
            ${PRICE_FEN}, $5::bigint, '2026-09-01', '2026-11-30', 'ESCROW_ACCOUNT', a.id, 'bench', 'INSTITUTION',
            now(), 'bench', 'T' || g, now(), 'p***' || g, $3, $4, $6::bigint
     FROM generate_series(0, $1 - 1) AS g
     JOIN LATERAL (SELECT id, township_code FROM institution ORDER BY id OFFSET g % ${INSTITUTIONS} LIMIT 1) i ON true
     JOIN escrow_account a ON a.institution_id = i.id
     JOIN course co ON co.institution_id = i.id`,
    [DUE, perContract, perContract, confirmedRows, String(perContract * PRICE_FEN), String(confirmedRows * PRICE_FEN)],
  );
  await ds.query(`DROP TABLE IF EXISTS bench_contract`);
  await ds.query(
    `CREATE TEMP TABLE bench_contract AS SELECT id, institution_id, (row_number() OVER (ORDER BY id) - 1)::int AS c FROM prepaid_contract`,
  );
  const indexes = (await ds.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'prepaid_lesson' AND indexname <> 'prepaid_lesson_pkey'`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of indexes) await ds.query(`DROP INDEX ${i.indexname}`);
  await ds.query(
    `INSERT INTO prepaid_lesson (contract_id, institution_id, taught_on, lessons, recorded_at, recorded_by_name, status,
       confirm_due_on, confirmed_at, confirmed_by)
     SELECT bc.id, bc.institution_id, s.due - 21, 1, $2::timestamptz - interval '30 days', 'bench',
            CASE WHEN s.k BETWEEN 1 AND $4 THEN 'CONFIRMED' ELSE 'PENDING' END,
            s.due,
            CASE WHEN s.k BETWEEN 1 AND $4 THEN $2::timestamptz - interval '60 days' END,
            CASE WHEN s.k BETWEEN 1 AND $4 THEN (ARRAY['PARENT','AUTO'])[1 + s.n % 2] END
     FROM (SELECT n, (n - 1) % $5 AS c, (n - 1) / $5 AS k,
                  CASE WHEN (n - 1) / $5 = 0 THEN $3::date - (1 + n % 5)
                       WHEN (n - 1) / $5 <= $4 THEN $3::date - (60 + n % 200)
                       ELSE $3::date + (1 + n % 20) END AS due
           FROM generate_series(1, $1) AS n) s
     JOIN bench_contract bc ON bc.c = s.c`,
    [total, NOW, TODAY, confirmedRows, DUE],
  );
  for (const i of indexes) await ds.query(i.indexdef);
  await ds.query('VACUUM ANALYZE prepaid_lesson');
  await ds.query('VACUUM ANALYZE prepaid_contract');
  await ds.query('CHECKPOINT'); // so the load's writes are not flushed during the timed runs
  return Math.round(performance.now() - started);
}

async function clear(ds: DataSource): Promise<void> {
  await ds.query(
    'TRUNCATE prepaid_lesson, prepaid_release, prepaid_refund, prepaid_deposit, prepaid_contract, escrow_instruction, outbox CASCADE',
  );
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_ROLE: 'api',
  });
  const runtime: Runtime = { config, databaseUrl: db.url, embeddedDatabase: false };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime), { logger: false });
  try {
    const ds = app.get(DataSource);
    await seedCounty(ds);
    const autoConfirm = app.get(AutoConfirmTask);
    const release = app.get(ReleaseTask);

    const run = async (total: number) => {
      await clear(ds);
      const seedMs = await seed(ds, total);
      let started = performance.now();
      const confirmed = await autoConfirm.run(NOW);
      const autoConfirmMs = Math.round(performance.now() - started);
      if (confirmed !== DUE) throw new Error(`expected ${DUE} confirmations, got ${confirmed}`);
      started = performance.now();
      const released = await release.run(NOW);
      const releaseMs = Math.round(performance.now() - started);
      if (released.instructed !== INSTITUTIONS)
        throw new Error(`expected ${INSTITUTIONS} releases, got ${released.instructed}`);
      const [instructed] = (await ds.query(
        `SELECT coalesce(sum(amount_fen), 0)::text AS fen, count(*)::int AS n FROM prepaid_release`,
      )) as { fen: string; n: number }[];
      if (BigInt(instructed.fen) !== BigInt(DUE) * BigInt(PRICE_FEN))
        throw new Error(`released ${instructed.fen} fen, expected ${DUE * PRICE_FEN}`);
      started = performance.now();
      const again = await autoConfirm.run(NOW);
      const secondAutoConfirmMs = Math.round(performance.now() - started);
      if (again !== 0) throw new Error('a second auto-confirm confirmed again');
      const figures = {
        lessons: total,
        due: DUE,
        contracts: DUE,
        accounts: INSTITUTIONS,
        seedMs,
        autoConfirmMs,
        releaseMs,
        totalMs: autoConfirmMs + releaseMs,
        secondAutoConfirmMs,
      };
      console.log(JSON.stringify(figures));
      return figures;
    };

    const large = await run(TOTAL);
    const small = await run(DUE);
    const ratio = ratioOf(large.totalMs, small.totalMs);
    const autoConfirmRatio = ratioOf(large.autoConfirmMs, small.autoConfirmMs);
    const releaseRatio = ratioOf(large.releaseMs, small.releaseMs);
    const count = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
    const headline: Headline[] = [
      {
        benchmark: 'consumption (一课一消)',
        metric: `auto-confirm + release ${count(TOTAL)}/${count(DUE)} vs ${count(DUE)}/${count(DUE)}`,
        service: large.totalMs,
        baseline: small.totalMs,
        unit: 'ms',
        ratio,
        goal: '≤ 1.5',
        met: ratio <= 1.5,
      },
    ];
    const summary = { large, small, ratio, autoConfirmRatio, releaseRatio, headline };
    console.log(
      `auto-confirm: ${TOTAL.toLocaleString()} records / ${DUE.toLocaleString()} due: ${large.autoConfirmMs} ms; ` +
        `${DUE.toLocaleString()} all due: ${small.autoConfirmMs} ms; ratio ${autoConfirmRatio}`,
    );
    console.log(
      `release: ${large.releaseMs} ms vs ${small.releaseMs} ms; ratio ${releaseRatio}; both: ${large.totalMs} ms vs ${small.totalMs} ms, ratio ${ratio} (goal ≤ 1.5)`,
    );
    console.log(`written to ${writeResult('consumption', summary)}`);
  } finally {
    await app.close();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
