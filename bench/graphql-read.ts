import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import {
  Headline,
  Spawned,
  benchDatabase,
  cpuMs,
  deleteRedisKeys,
  freePort,
  machine,
  peakRssMb,
  ratioOf,
  redisReachable,
  spawnNode,
  writeResult,
} from './bench-support';
import { seedCounty } from './county-seed';

/**
 * npm run bench:graphql-read — the front end's institution list (`institutions(first: 50)` with
 * township, escrow account and custody, unresolved alert count, list standing, open task count) under
 * 32 concurrent clients for a fixed time, against the built service (`dist/src/main.js`, APP_ROLE=api,
 * its own process) and against a minimal node:http + pg handler returning the same JSON from the same
 * database (bench/raw-institutions.ts). Also: SQL statements per request (from the service's
 * http_request_db_queries histogram) at two page sizes, and the API process's peak RSS.
 */
const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CLIENTS ?? 32);
const PAGE = 50;
const POOL = 10;
const BREAKDOWN_SECONDS = Number(process.env.BENCH_BREAKDOWN_SECONDS ?? 3);

const QUERY = `query List($first: Int, $after: String, $township: String) {
  institutions(first: $first, after: $after, filter: { townshipCode: $township }) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id name creditCode status
      township { code name }
      escrowAccount { id accountNo bankCode status custody { required latestBalance latestStatementDate shortfall } }
      openEscrowAlertCount
      creditStanding { standing effectiveOn expiresOn }
      openTaskCount
    } } } }`;

/**
 * Where the service's CPU goes, by the fields asked for: the same page with only scalar fields, then one
 * cross-module field at a time, then all of them (CPU ms of the API process per request).
 */
const BREAKDOWN: Record<string, string> = {
  'scalars only': 'id name creditCode status',
  '+ township': 'id name creditCode status township { code name }',
  '+ escrowAccount': 'id name creditCode status escrowAccount { id accountNo bankCode status }',
  '+ escrowAccount.custody':
    'id name creditCode status escrowAccount { id accountNo bankCode status custody { required latestBalance latestStatementDate shortfall } }',
  '+ openEscrowAlertCount': 'id name creditCode status openEscrowAlertCount',
  '+ creditStanding': 'id name creditCode status creditStanding { standing effectiveOn expiresOn }',
  '+ openTaskCount': 'id name creditCode status openTaskCount',
};

/** What the list rows need beyond the county seed: statements on accounts, tasks on institutions. */
async function seedListFacts(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO escrow_statement (account_id, statement_date, revision, opening_fen, closing_fen, currency, batch_id, key_id, received_at)
     SELECT a.id, d::date, 0, a.required_custody_fen, greatest(0, a.required_custody_fen - (abs(hashtext(a.id::text || d::text)) % 200000)), 'CNY', gen_random_uuid(), 'bench', now()
     FROM escrow_account a, generate_series(DATE '2026-11-26', DATE '2026-11-28', interval '1 day') d
     WHERE a.status <> 'CLOSED'`,
  );
  await ds.query(
    `INSERT INTO supervision_task (type, status, title, target_kind, target_id, institution_id, township_code, lead_department_code, due_at, checklist, created_at, updated_at)
     SELECT 'ROUTINE_INSPECTION', (ARRAY['ASSIGNED','IN_PROGRESS','SUBMITTED','CLOSED'])[1 + abs(hashtext(i.name)) % 4], 'bench', 'INSTITUTION', i.id::text, i.id,
            i.township_code, 'EDU', now() + interval '10 days', '[]'::jsonb, now(), now()
     FROM institution i WHERE abs(hashtext(i.id::text)) % 5 = 0`,
  );
  await ds.query('VACUUM ANALYZE');
}

interface Load {
  target: string;
  requests: number;
  /** CPU time the answering process used per request (ms): its cost, whatever else the machine runs. */
  cpuMsPerRequest: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  non2xx: number;
}

async function load(
  target: string,
  pid: number,
  url: string,
  bodies: string[],
  headers: Record<string, string>,
  seconds: number,
): Promise<Load> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: bodies.map((body) => ({
      method: 'POST' as const,
      path: '/graphql',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    })),
  });
  const cpu = cpuMs(pid) - cpuBefore;
  return {
    target,
    requests: result.requests.total,
    cpuMsPerRequest: Math.round((cpu / result.requests.total) * 100) / 100,
    requestsPerSecond: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const json = (await res.json()) as { errors?: unknown };
  if (res.status !== 200 || json.errors)
    throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

async function metric(url: string, name: string): Promise<number> {
  const res = await fetch(`${url}/metrics`);
  if (res.status !== 200) throw new Error(`${url}/metrics answered ${res.status}`);
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('route="/graphql"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const processes: Spawned[] = [];
  let summary: Record<string, unknown> = {};
  try {
    const ds = new DataSource(dataSourceOptions(db.url, 2, 'bench-seed', false));
    await ds.initialize();
    const seedMs = await seedCounty(ds, INSTITUTIONS);
    await seedListFacts(ds);
    const townships = ((await ds.query(`SELECT code FROM township ORDER BY code`)) as { code: string }[]).map(
      (t) => t.code,
    );
    await ds.destroy();

    // The service, as production runs an API replica (its own process, Redis queues when reachable).
    const redisUrl = await redisReachable();
    const apiPort = await freePort();
    const metricsPort = await freePort(); // /metrics is served on its own port, not the API's
    const api = spawnNode(
      'src/main.js',
      {
        NODE_ENV: 'production',
        APP_ROLE: 'api',
        PORT: String(apiPort),
        METRICS_PORT: String(metricsPort),
        METRICS_HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl ?? '',
        QUEUE_PREFIX: `bench${Date.now().toString(36)}`,
        DB_POOL_SIZE: String(POOL),
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef',
        PII_HASH_KEY: 'bench-only-pii-hash-key-0123456789abcdef',
        ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      [],
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the API process, written when it stops.
      // The service's production V8 setting (Dockerfile, npm start), then optional profiling.
      [
        '--max-semi-space-size=64',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ],
    );
    processes.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await api.ready(async () => (await fetch(`${apiUrl}/health/ready`)).status === 200);
    const rawPort = await freePort();
    const raw = spawnNode('bench/raw-institutions.js', {
      PORT: String(rawPort),
      DATABASE_URL: db.url,
      DB_POOL_SIZE: String(POOL),
    });
    processes.push(raw);
    const rawUrl = `http://127.0.0.1:${rawPort}`;
    await raw.ready(async () => /raw handler ready/.test(raw.output()));

    // A county administrator (sees every township), created with the service's own CLI, logged in over GraphQL.
    const password = 'bench-password-0123456789';
    const cli = spawnNode('src/cli/user-create.js', api.env, [
      '--username',
      'bench.admin',
      '--password',
      password,
      '--role',
      'COUNTY_ADMIN',
    ]);
    if ((await cli.exited) !== 0) throw new Error(`user:create failed: ${cli.output()}`);
    const login = (await post(
      apiUrl,
      JSON.stringify({
        query: `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`,
        variables: { i: { username: 'bench.admin', password } },
      }),
      {},
    )) as {
      data: { login: { accessToken: string } };
    };
    const auth = { authorization: `Bearer ${login.data.login.accessToken}` };

    const bodies = (first: number) =>
      townships.map((township) => JSON.stringify({ query: QUERY, variables: { first, township } }));
    // Same JSON from both, for every township (the bench compares equal work).
    for (const body of bodies(PAGE)) {
      const [fromApi, fromRaw] = [await post(apiUrl, body, auth), await post(rawUrl, body, {})];
      if (!isDeepStrictEqual(fromApi, fromRaw))
        throw new Error(
          `the raw handler's answer differs from the service's for ${body.slice(-60)}:\n${JSON.stringify(fromApi).slice(0, 400)}\n${JSON.stringify(fromRaw).slice(0, 400)}`,
        );
    }

    // SQL statements per request at two page sizes.
    const perRequest = async (first: number) => {
      const metricsUrl = `http://127.0.0.1:${metricsPort}`;
      const [sum0, count0] = [
        await metric(metricsUrl, 'http_request_db_queries_sum'),
        await metric(metricsUrl, 'http_request_db_queries_count'),
      ];
      for (const body of bodies(first)) await post(apiUrl, body, auth);
      const [sum1, count1] = [
        await metric(metricsUrl, 'http_request_db_queries_sum'),
        await metric(metricsUrl, 'http_request_db_queries_count'),
      ];
      return (sum1 - sum0) / (count1 - count0);
    };
    const queries10 = await perRequest(10);
    const queries50 = await perRequest(PAGE);

    // Warm-up, then the measured runs, one target at a time.
    await load('warm-up', api.child.pid as number, apiUrl, bodies(PAGE), auth, 2);
    await load('warm-up', raw.child.pid as number, rawUrl, bodies(PAGE), {}, 2);
    const service = await load(
      'service: GraphQL (Nest + Apollo + TypeORM + DataLoaders)',
      api.child.pid as number,
      apiUrl,
      bodies(PAGE),
      auth,
      SECONDS,
    );
    const rss = peakRssMb(api.child.pid as number);
    const plain = await load(
      'raw: node:http + pg, one SQL statement',
      raw.child.pid as number,
      rawUrl,
      bodies(PAGE),
      {},
      SECONDS,
    );
    for (const r of [service, plain])
      if (r.errors || r.non2xx) throw new Error(`${r.target}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);

    const breakdown: { fields: string; cpuMsPerRequest: number; requestsPerSecond: number }[] = [];
    for (const [fields, selection] of Object.entries(BREAKDOWN)) {
      const query = `query($first: Int, $township: String) { institutions(first: $first, filter: { townshipCode: $township }) { totalCount edges { node { ${selection} } } } }`;
      const variant = townships.map((township) => JSON.stringify({ query, variables: { first: PAGE, township } }));
      const r = await load(fields, api.child.pid as number, apiUrl, variant, auth, BREAKDOWN_SECONDS);
      breakdown.push({
        fields,
        cpuMsPerRequest: r.cpuMsPerRequest,
        requestsPerSecond: Math.round(r.requestsPerSecond),
      });
    }
    breakdown.push({
      fields: 'all (the measured list)',
      cpuMsPerRequest: service.cpuMsPerRequest,
      requestsPerSecond: Math.round(service.requestsPerSecond),
    });

    const ratio = ratioOf(service.requestsPerSecond, plain.requestsPerSecond);
    const headline: Headline[] = [
      {
        benchmark: 'GraphQL read',
        metric: `institutions(first: ${PAGE}), ${CONNECTIONS} clients: requests/s`,
        service: Math.round(service.requestsPerSecond),
        baseline: Math.round(plain.requestsPerSecond),
        unit: 'req/s',
        ratio,
        goal: '≥ 0.5 × raw handler',
        met: ratio >= 0.5,
      },
      {
        benchmark: 'GraphQL read',
        metric: 'p99 latency',
        service: service.p99ms,
        baseline: plain.p99ms,
        unit: 'ms',
        goal: '< 100 ms',
        met: service.p99ms < 100,
      },
      { benchmark: 'GraphQL read', metric: 'p50 latency', service: service.p50ms, baseline: plain.p50ms, unit: 'ms' },
      {
        benchmark: 'GraphQL read',
        metric: 'CPU time of the answering process per request',
        service: service.cpuMsPerRequest,
        baseline: plain.cpuMsPerRequest,
        unit: 'ms',
      },
      {
        benchmark: 'GraphQL read',
        metric: `SQL statements per request (first: 10 → ${PAGE})`,
        service: queries50,
        baseline: queries10,
        unit: 'statements',
        goal: 'constant in page size',
        met: queries50 === queries10,
      },
      { benchmark: 'GraphQL read', metric: 'API process peak RSS', service: rss, unit: 'MiB' },
    ];
    summary = {
      institutions: INSTITUTIONS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      page: PAGE,
      pool: POOL,
      seedMs,
      rows: [service, plain],
      queriesPerRequest: { first10: queries10, first50: queries50 },
      apiPeakRssMb: rss,
      breakdown,
      headline,
    };
    const m = machine();
    console.log(
      `\nbench:graphql-read — ${INSTITUTIONS.toLocaleString()} institutions, ${CONNECTIONS} clients × ${SECONDS} s, ${m.cores} cores, ${m.cpu}, Node ${m.node}`,
    );
    console.table(
      [service, plain].map((r) => ({
        target: r.target,
        'req/s': Math.round(r.requestsPerSecond),
        'p50 ms': r.p50ms,
        'p99 ms': r.p99ms,
        'CPU ms/req': r.cpuMsPerRequest,
      })),
    );
    console.log('Where the API spends CPU, by the fields asked for:');
    console.table(breakdown);
    console.log(
      `service/raw = ${ratio}; SQL statements per request: ${queries10} at first:10, ${queries50} at first:${PAGE}; API peak RSS ${rss} MiB`,
    );
  } finally {
    for (const p of processes) await p.stop();
    const redis = processes[0]?.env.REDIS_URL;
    if (redis) await deleteRedisKeys(redis, processes[0]!.env.QUEUE_PREFIX as string);
    await db.drop();
  }
  console.log(`written to ${writeResult('graphql-read', summary)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
