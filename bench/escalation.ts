import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { LogChannel, createNotificationsFacade } from '../src/modules/notifications';
import { createPolicyFacade } from '../src/modules/policy';
import { createEscalationSweep } from '../src/modules/supervision';
import { FixedClock } from '../src/platform/clock/clock';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { EventPublisher } from '../src/platform/events/event-publisher';
import { Headline, benchDatabase, ratioOf, writeResult } from './bench-support';

/**
 * npm run bench:escalation — does the escalation sweep's cost follow the overdue items or the table?
 * Run 1: 1,000,000 tasks of which 10,000 are overdue (the rest closed long ago, or open and not yet due).
 * Run 2: 10,000 tasks, all overdue. Both sweeps do the same work (10,000 escalations with their
 * records, events and notifications); a ratio near 1 means the other 990,000 rows cost nothing.
 */
const TOTAL = Number(process.env.BENCH_TASKS ?? 1_000_000);
const OVERDUE = Number(process.env.BENCH_OVERDUE ?? 10_000);
const NOW = new Date('2026-11-29T02:00:00Z');

async function seed(ds: DataSource, total: number, overdue: number): Promise<number> {
  const started = performance.now();
  // Bulk load as a data import would: drop the secondary indexes, insert, build them again (the sweep
  // then runs against exactly the schema the migrations made).
  const indexes = (await ds.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'supervision_task' AND indexname <> 'supervision_task_pkey'`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of indexes) await ds.query(`DROP INDEX ${i.indexname}`);
  // Row n: the first `overdue` rows are open and 1–2 days late; of the rest, even rows are closed (due in
  // the past) and odd rows are open and due in the coming month.
  await ds.query(
    `INSERT INTO supervision_task (type, status, title, target_kind, target_id, township_code, lead_department_code, due_at, checklist, created_at, updated_at, closed_at, done_at)
     SELECT 'ROUTINE_INSPECTION',
            CASE WHEN n <= $2 OR n % 2 = 1 THEN 'ASSIGNED' ELSE 'CLOSED' END,
            'bench task ' || n, 'TOWNSHIP', '520122001', '520122001',
            (ARRAY['EDU','HEALTH','FIRE_RESCUE','MARKET_REGULATION'])[1 + n % 4],
            CASE WHEN n <= $2 THEN $3::timestamptz - make_interval(mins => 60 + (n % 1440))
                 WHEN n % 2 = 1 THEN $3::timestamptz + make_interval(mins => 60 + (n % 43200))
                 ELSE $3::timestamptz - make_interval(days => 30 + (n % 300)) END,
            '[]'::jsonb, $3::timestamptz - interval '60 days', $3::timestamptz - interval '60 days',
            CASE WHEN n > $2 AND n % 2 = 0 THEN $3::timestamptz - interval '40 days' END,
            CASE WHEN n > $2 AND n % 2 = 0 THEN $3::timestamptz - interval '40 days' END
     FROM generate_series(1, $1) AS n`,
    [total, overdue, NOW],
  );
  for (const i of indexes) await ds.query(i.indexdef);
  await ds.query('VACUUM ANALYZE supervision_task');
  await ds.query('CHECKPOINT'); // so the load's writes are not flushed during the timed sweep
  return Math.round(performance.now() - started);
}

async function clear(ds: DataSource): Promise<void> {
  await ds.query(
    'TRUNCATE supervision_escalation, rectification_order, supervision_violation, supervision_finding, supervision_task, notification_read, notification_target, notification, outbox CASCADE',
  );
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const config = loadConfig({ ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const ds = new DataSource(dataSourceOptions(db.url, 4, 'bench-escalation'));
  await ds.initialize();
  try {
    const clock = new FixedClock(NOW);
    const events = new EventPublisher(clock);
    const notifications = createNotificationsFacade(ds, events, clock, [new LogChannel()]);
    const sweeper = createEscalationSweep(
      ds,
      events,
      notifications,
      clock,
      createPolicyFacade(ds, config, clock),
      config,
    );

    const run = async (total: number, overdue: number) => {
      await clear(ds);
      const seedMs = await seed(ds, total, overdue);
      const started = performance.now();
      const result = await sweeper.run(NOW);
      const sweepMs = Math.round(performance.now() - started);
      if (result.tasks !== overdue) throw new Error(`expected ${overdue} escalations, got ${result.tasks}`);
      const again = performance.now();
      const second = await sweeper.run(NOW);
      const idleMs = Math.round(performance.now() - again);
      if (second.tasks !== 0) throw new Error('a second sweep escalated again');
      const figures = { tasks: total, overdue, seedMs, sweepMs, escalated: result.tasks, secondSweepMs: idleMs };
      console.log(JSON.stringify(figures));
      return figures;
    };

    const large = await run(TOTAL, OVERDUE);
    const small = await run(OVERDUE, OVERDUE);
    const ratio = ratioOf(large.sweepMs, small.sweepMs);
    const count = (n: number) =>
      n >= 1_000_000 && n % 1_000_000 === 0
        ? `${n / 1_000_000}M`
        : n >= 1000 && n % 1000 === 0
          ? `${n / 1000}k`
          : String(n);
    const headline: Headline[] = [
      {
        benchmark: 'escalation sweep',
        metric: `sweep ${count(TOTAL)}/${count(OVERDUE)} vs ${count(OVERDUE)}/${count(OVERDUE)}`,
        service: large.sweepMs,
        baseline: small.sweepMs,
        unit: 'ms',
        ratio,
        goal: '≤ 1.5',
        met: ratio <= 1.5,
      },
    ];
    const summary = {
      batchSize: config.supervision.sweepBatchSize,
      large,
      small,
      ratio,
      verdict:
        ratio < TOTAL / OVERDUE / 10
          ? `cost follows the overdue items: a table ${Math.round(TOTAL / OVERDUE)} times larger costs ${ratio} times as much (index depth and cache, not rows scanned)`
          : 'cost grows with the table',
      headline,
    };
    console.log(
      `sweep: ${TOTAL.toLocaleString()} tasks / ${OVERDUE.toLocaleString()} overdue: ${large.sweepMs} ms; ${OVERDUE.toLocaleString()} tasks all overdue: ${small.sweepMs} ms; ratio ${ratio} (${summary.verdict})`,
    );
    console.log(`written to ${writeResult('escalation', summary)}`);
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
