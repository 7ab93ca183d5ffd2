import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createHttpApp } from '../src/http-app';
import { IdentityFacade } from '../src/modules/identity';
import { signBankRequest } from '../src/platform/auth/bank-signature';
import { systemPrincipal } from '../src/platform/auth/principal';
import { createRootLogger } from '../src/platform/logging/logger';
import { SubscriberFigures, subscriberFigures } from './bank-money';
import { Headline, benchDatabase, machine, percentile, ratioOf, writeResult } from './bench-support';

/**
 * npm run bench:bank-ingest — N signed HTTP batches of 1,000 statements and of 1,000 transactions through
 * the real application (listening on a local port: signature, rate limit, idempotency, validation,
 * set-wise storage, custody, monitoring, audit), beside a plain multi-row INSERT … ON CONFLICT DO NOTHING
 * of equivalent rows into the same tables in the same run. The ratio service/raw is the figure we track.
 * Then the prepaid subscriber that consumes the ingest's escrow.transactions.posted events (bank-money.ts),
 * so the worker is seen to keep up with the ingest.
 */
const N = Number(process.env.BENCH_BATCHES ?? 20);
const SIZE = 1000;

interface Figures {
  kind: string;
  path: string;
  items: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

const day = (base: string, offset: number): string => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

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
  let subscriber: SubscriberFigures[] = [];
  try {
    app = await createHttpApp({ config, databaseUrl: db.url, embeddedDatabase: false }, createRootLogger('warn'));
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const banks = app.get(IdentityFacade);
    const actor = systemPrincipal('bench');
    await banks.registerBank(actor, { code: 'BENCH_BANK', name: '基准测试银行' });
    const key = await banks.issueBankKey(actor, 'BENCH_BANK');
    const ds = app.get(DataSource);
    // SIZE accounts of the bank (fixtures straight into the table: the registry is not what is measured).
    const accountRows: { id: string; account_no: string; institution_id: string }[] = await ds.query(
      `INSERT INTO escrow_account (institution_id, bank_code, account_no, status, township_code, opened_on, opened_at, updated_at)
       SELECT gen_random_uuid(), 'BENCH_BANK', '6222' || lpad(g::text, 12, '0'), 'ACTIVE', '520122001', DATE '2026-01-01', now(), now() FROM generate_series(1, $1) g
       RETURNING id, account_no, institution_id`,
      [SIZE],
    );
    const accountNos = accountRows.map((a) => a.account_no);

    const post = async (path: string, body: string): Promise<number> => {
      const ts = String(Math.floor(Date.now() / 1000));
      const started = performance.now();
      const res = await fetch(base + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Bank-Key-Id': key.keyId,
          'X-Timestamp': ts,
          'X-Signature': signBankRequest(key.secret, ts, 'POST', path, body),
          'Idempotency-Key': randomUUID(),
        },
        body,
      });
      const json = (await res.json()) as { accepted?: number };
      if (res.status !== 200 || json.accepted !== SIZE)
        throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return performance.now() - started;
    };

    const measure = async (kind: string, path: string, bodies: string[]): Promise<Figures> => {
      const latencies: number[] = [];
      const start = performance.now();
      for (const b of bodies) latencies.push(await post(path, b));
      const seconds = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        kind,
        path: 'signed HTTP batch → service',
        items: bodies.length * SIZE,
        perSecond: (bodies.length * SIZE) / seconds,
        p50ms: percentile(latencies, 50),
        p99ms: percentile(latencies, 99),
      };
    };

    const statementBodies = Array.from({ length: N }, (_, i) =>
      JSON.stringify({
        statements: accountNos.map((no) => ({
          accountNo: no,
          statementDate: day('2026-01-02', i),
          openingBalance: '1000.00',
          closingBalance: '1000.00',
          currency: 'CNY',
          revision: 0,
        })),
      }),
    );
    const txnBodies = Array.from({ length: N }, (_, i) =>
      JSON.stringify({
        transactions: accountNos.map((no, k) => ({
          accountNo: no,
          txnId: `B${i}-${k}`,
          bookedAt: `${day('2026-01-02', i)}T10:15:00+08:00`,
          type: 'DEPOSIT',
          amount: '100.00',
          currency: 'CNY',
          payerRef: `p***${i}-${k}`, // one family per deposit: top-ups of one payer add up (escrow.prepaid_max_*)
          lessonHours: 10,
          coverageMonths: 1,
          reversalOf: null,
          memo: 'bench',
        })),
      }),
    );
    // Warm up (connections, JIT) with one batch of each, on dates the measured runs do not use.
    await post(
      '/api/bank/v1/statements',
      JSON.stringify({
        statements: accountNos.map((no) => ({
          accountNo: no,
          statementDate: '2026-01-01',
          openingBalance: '0.00',
          closingBalance: '0.00',
          currency: 'CNY',
          revision: 0,
        })),
      }),
    );
    rows.push(await measure('statements', '/api/bank/v1/statements', statementBodies));
    rows.push(await measure('transactions', '/api/bank/v1/transactions', txnBodies));

    // The same rows, inserted plainly: one multi-row INSERT … ON CONFLICT DO NOTHING per 1,000.
    const ids = accountRows.map((a) => a.id);
    const raw = async (kind: string, run: (i: number) => Promise<void>): Promise<Figures> => {
      const latencies: number[] = [];
      const start = performance.now();
      for (let i = 0; i < N; i++) {
        const t0 = performance.now();
        await run(i);
        latencies.push(performance.now() - t0);
      }
      const seconds = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        kind,
        path: 'plain INSERT … ON CONFLICT',
        items: N * SIZE,
        perSecond: (N * SIZE) / seconds,
        p50ms: percentile(latencies, 50),
        p99ms: percentile(latencies, 99),
      };
    };
    const batchId = randomUUID();
    rows.push(
      await raw('statements', async (i) => {
        await ds.query(
          `INSERT INTO escrow_statement (account_id, statement_date, revision, opening_fen, closing_fen, currency, batch_id, key_id, received_at)
           SELECT a, $2::date, 0, 100000, 100000, 'CNY', $3, $4, now() FROM unnest($1::uuid[]) AS x(a) ON CONFLICT DO NOTHING`,
          [ids, day('2027-01-02', i), batchId, key.keyId],
        );
      }),
    );
    rows.push(
      await raw('transactions', async (i) => {
        await ds.query(
          `INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours, coverage_months,
             reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at)
           SELECT a, 'BENCH_BANK', 'R' || $2 || '-' || k, $3::timestamptz, $3::date, 'DEPOSIT', 10000, 'CNY', 'p***1', 10, 1, NULL, 'bench', 10000, 10000, false,
                  md5(k::text) || md5(k::text), $4, $5, now()
           FROM unnest($1::uuid[]) WITH ORDINALITY AS x(a, k) ON CONFLICT DO NOTHING`,
          [ids, i, `${day('2027-01-02', i)}T10:15:00+08:00`, batchId, key.keyId],
        );
      }),
    );
    subscriber = await subscriberFigures(app, accountRows);
  } finally {
    await app?.close();
    await db.drop();
  }
  const m = machine();
  console.log(
    `\nbench:bank-ingest — ${N} batches × ${SIZE} items of each kind, ${m.cores} cores, ${m.cpu}, Node ${m.node}`,
  );
  console.table(
    rows.map((r) => ({
      kind: r.kind,
      path: r.path,
      'items/s': Math.round(r.perSecond),
      'p50 ms/batch': r.p50ms.toFixed(1),
      'p99 ms/batch': r.p99ms.toFixed(1),
    })),
  );
  console.log('\nprepaid.bank-money (the subscriber of escrow.transactions.posted), one delivery at a time:');
  console.table(
    subscriber.map((r) => ({
      path: r.path,
      deliveries: r.deliveries,
      'deposits/s': Math.round(r.depositsPerSecond),
      'p50 ms/delivery': r.p50msPerDelivery.toFixed(1),
      'p99 ms/delivery': r.p99msPerDelivery.toFixed(1),
    })),
  );
  const headline: Headline[] = [];
  for (const kind of ['statements', 'transactions']) {
    const [service, plain] = [
      rows.find((r) => r.kind === kind && r.path.startsWith('signed')),
      rows.find((r) => r.kind === kind && r.path.startsWith('plain')),
    ];
    if (!service || !plain) continue;
    console.log(
      `${kind}: service ingests at ${(service.perSecond / plain.perSecond).toFixed(2)} × the plain INSERT rate`,
    );
    const ratio = ratioOf(service.perSecond, plain.perSecond);
    const ms = (v: number) => Math.round(v * 10) / 10;
    headline.push(
      {
        benchmark: 'bank ingest',
        metric: `${kind}: items/s (1,000-item signed batches)`,
        service: Math.round(service.perSecond),
        baseline: Math.round(plain.perSecond),
        unit: 'items/s',
        ratio,
        goal: '≥ 0.5 × raw INSERT',
        met: ratio >= 0.5,
      },
      {
        benchmark: 'bank ingest',
        metric: `${kind}: p50 ms/batch`,
        service: ms(service.p50ms),
        baseline: ms(plain.p50ms),
        unit: 'ms',
      },
      {
        benchmark: 'bank ingest',
        metric: `${kind}: p99 ms/batch`,
        service: ms(service.p99ms),
        baseline: ms(plain.p99ms),
        unit: 'ms',
      },
    );
  }
  const [ingestEvents, v2, v1] = subscriber;
  const ingested = rows.find((r) => r.kind === 'transactions' && r.path.startsWith('signed'));
  if (ingestEvents && v2 && v1 && ingested) {
    console.log(
      `subscriber: ${Math.round(v2.depositsPerSecond)} matched deposits/s in 1,000-account events (${(v2.depositsPerSecond / v1.depositsPerSecond).toFixed(2)} × one-account events), ` +
        `${Math.round(ingestEvents.depositsPerSecond)} unmatched/s, against the ingest's ${Math.round(ingested.perSecond)} transactions/s`,
    );
    headline.push(
      {
        benchmark: 'bank ingest',
        metric: 'subscriber: matched deposits/s, 1,000-account v2 events against one-account v1 events',
        service: Math.round(v2.depositsPerSecond),
        baseline: Math.round(v1.depositsPerSecond),
        unit: 'deposits/s',
        ratio: ratioOf(v2.depositsPerSecond, v1.depositsPerSecond),
      },
      {
        benchmark: 'bank ingest',
        metric: "subscriber: the ingest's events (unmatched deposits)/s, one worker slot, against the ingest",
        service: Math.round(ingestEvents.depositsPerSecond),
        baseline: Math.round(ingested.perSecond),
        unit: 'deposits/s',
        ratio: ratioOf(ingestEvents.depositsPerSecond, ingested.perSecond),
        goal: '≥ 1 (the worker keeps up)',
        met: ingestEvents.depositsPerSecond >= ingested.perSecond,
      },
    );
  }
  console.log(`written to ${writeResult('bank-ingest', { batches: N, batchSize: SIZE, rows, subscriber, headline })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
