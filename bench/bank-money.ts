import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../src/config/app-config';
import { contractCodeHash } from '../src/modules/prepaid';
import { DomainEvent, EscrowPostedAccount } from '../src/platform/events/catalogue';
import { EventWorker } from '../src/platform/events/event-worker';
import { percentile } from './bench-support';

/**
 * The prepaid subscriber behind the bank ingest (prepaid.bank-money on escrow.transactions.posted), through
 * the worker's own delivery (EventWorker.deliver: the delivery transaction with its processed mark), one
 * delivery at a time (one worker slot): the ingest's own events (v2, 1,000 accounts each, deposits naming
 * no contract), then ROUNDS × 1,000 deposits that each name a contract (matched: contract and deposit
 * updated, prepaid.deposit.matched published, audit row) delivered as ROUNDS v2 events of 1,000 accounts,
 * beside the same work as ROUNDS × 1,000 v1 events of one account each (the shape before).
 */
const ROUNDS = Number(process.env.BENCH_SUBSCRIBER_ROUNDS ?? 2);
/** prepaid's contract-code alphabet (contract-code.ts); codes here are numbered, not random. */
const ALPHABET = '3469ACDEFGHJKMNPQRTUVWXY';
let codeSeq = 0;
function nextCode(): string {
  let n = ++codeSeq;
  let code = '';
  while (code.length < 16) {
    code += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length);
  }
  return code;
}

export interface SubscriberFigures {
  path: string;
  deliveries: number;
  deposits: number;
  depositsPerSecond: number;
  p50msPerDelivery: number;
  p99msPerDelivery: number;
}

export async function subscriberFigures(
  app: INestApplication,
  accounts: { id: string; institution_id: string }[],
): Promise<SubscriberFigures[]> {
  const ds = app.get(DataSource);
  const worker = app.get(EventWorker);
  const key = app.get<AppConfig>(APP_CONFIG).security.piiHashKey;
  const deliver = (event: DomainEvent) =>
    worker.deliver({ name: 'prepaid.bank-money', data: event, attemptsMade: 0 } as unknown as Job<DomainEvent>);
  const run = async (path: string, events: DomainEvent[], deposits: number): Promise<SubscriberFigures> => {
    const latencies: number[] = [];
    const start = performance.now();
    for (const e of events) {
      const t0 = performance.now();
      await deliver(e);
      latencies.push(performance.now() - t0);
    }
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      path,
      deliveries: events.length,
      deposits,
      depositsPerSecond: deposits / seconds,
      p50msPerDelivery: percentile(latencies, 50),
      p99msPerDelivery: percentile(latencies, 99),
    };
  };
  const domainEvent = (version: number, payload: unknown): DomainEvent =>
    ({
      eventId: randomUUID(),
      name: 'escrow.transactions.posted',
      version,
      occurredAt: new Date().toISOString(),
      requestId: null,
      payload,
    }) as DomainEvent;

  const figures: SubscriberFigures[] = [];
  // The ingest's own events, as the relay would hand them over.
  const outbox: { version: number; payload: { accounts: EscrowPostedAccount[] } }[] = await ds.query(
    `SELECT version, payload FROM outbox WHERE name = 'escrow.transactions.posted' ORDER BY id`,
  );
  figures.push(
    await run(
      'v2 events of the ingest, unmatched deposits',
      outbox.map((r) => domainEvent(r.version, r.payload)),
      outbox.reduce((n, r) => n + r.payload.accounts.reduce((m, a) => m + a.items.length, 0), 0),
    ),
  );

  // One contract per account and round for each path, named by the deposit's contract code. Fixtures go
  // straight into the table with foreign-key triggers off (the bench accounts have no registry rows).
  const codes = (tag: string) =>
    Array.from({ length: ROUNDS }, () => accounts.map(() => nextCode())).map((round) => ({ tag, round }));
  const sets = [codes('v2'), codes('v1')];
  await ds.transaction(async (em) => {
    await em.query(`SET LOCAL session_replication_role = replica`);
    for (const set of sets)
      for (const { round } of set)
        await em.query(
          `INSERT INTO prepaid_contract (contract_code_hash, institution_id, township_code, competent_department_code, course_id,
             student_name_enc, payer_name_enc, payer_phone_enc, payer_phone_last4_hash, payer_hash, lessons_bought, lesson_minutes,
             price_per_lesson_fen, total_fen, period_start, period_end, payment_route, escrow_account_id, refund_terms, source,
             created_at, created_by_name)
           SELECT h, i, '520122001', 'EDU', gen_random_uuid(), 'x', 'x', 'x', 'h', 'h', 10, 60, 1000, 10000, DATE '2026-01-01',
                  DATE '2026-12-31', 'ESCROW_ACCOUNT', a, 'bench', 'INSTITUTION', now(), 'bench'
           FROM unnest($1::varchar[], $2::uuid[], $3::uuid[]) AS x(h, i, a)`,
          [
            round.map((c) => contractCodeHash(key, c)),
            accounts.map((a) => a.institution_id),
            accounts.map((a) => a.id),
          ],
        );
  });
  const account = (a: { id: string; institution_id: string }, txnId: string, code: string): EscrowPostedAccount => ({
    accountId: a.id,
    institutionId: a.institution_id,
    townshipCode: '520122001',
    items: [
      {
        txnId,
        type: 'DEPOSIT',
        amountFen: '10000',
        bookedAt: '2026-03-02T02:15:00.000Z',
        payerRef: `p***${txnId}`,
        contractRef: code.match(/.{4}/g)!.join('-'),
        reversalOf: null,
      },
    ],
  });
  const [v2, v1] = sets;
  figures.push(
    await run(
      `v2: ${ROUNDS} events of ${accounts.length} accounts, every deposit matched`,
      v2.map(({ round }, r) =>
        domainEvent(2, {
          bankCode: 'BENCH_BANK',
          batchId: randomUUID(),
          accounts: accounts.map((a, k) => account(a, `M2-${r}-${k}`, round[k])),
        }),
      ),
      ROUNDS * accounts.length,
    ),
  );
  figures.push(
    await run(
      `v1: ${ROUNDS * accounts.length} events of one account, every deposit matched`,
      v1.flatMap(({ round }, r) =>
        accounts.map((a, k) => domainEvent(1, { bankCode: 'BENCH_BANK', ...account(a, `M1-${r}-${k}`, round[k]) })),
      ),
      ROUNDS * accounts.length,
    ),
  );
  const [{ matched }] = (await ds.query(
    `SELECT count(*)::int AS matched FROM prepaid_deposit WHERE matched_by = 'CONTRACT_REF'`,
  )) as { matched: number }[];
  if (matched !== 2 * ROUNDS * accounts.length)
    throw new Error(`expected ${2 * ROUNDS * accounts.length} matched deposits, found ${matched}`);
  return figures;
}
