import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Runtime, loadConfig } from '../src/config/app-config';
// The bench times the dashboard's own service (what its resolver calls); the module exports nothing.
// eslint-disable-next-line local/module-boundaries
import { DashboardService } from '../src/modules/dashboard/dashboard.service';
import { EscrowFacade } from '../src/modules/escrow';
import { RegistryFacade } from '../src/modules/registry';
import { systemPrincipal } from '../src/platform/auth/principal';
import { Headline, benchDatabase, percentile, writeResult } from './bench-support';
import { seedCounty } from './county-seed';

/**
 * npm run bench:dashboard — the county-wide dashboard on 100,000 institutions' worth of records:
 * institutions, escrow accounts and alerts, list entries, unlicensed leads, complaints and supervision
 * tasks, inserted set-wise (INSERT … SELECT generate_series). Prints the p50 of several runs.
 */
const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

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
    const seedMs = await seedCounty(ds, INSTITUTIONS);
    const dashboards = app.get(DashboardService);
    const county = systemPrincipal('bench-dashboard');
    const first = await dashboards.dashboard(county, {});
    const timings: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await dashboards.dashboard(county, {});
      timings.push(Math.round(performance.now() - started));
    }
    const [{ code }] = (await ds.query(`SELECT min(code) AS code FROM township`)) as { code: string }[];
    const township = await dashboards.dashboard(county, { townshipCode: code });
    // Where the time goes: each facade call alone.
    const registry = app.get(RegistryFacade);
    const escrow = app.get(EscrowFacade);
    const time = async (f: () => Promise<unknown>) => {
      const s = performance.now();
      await f();
      return Math.round(performance.now() - s);
    };
    const ids = await registry.listOperatingInstitutionIdsIn();
    const parts = {
      operatingIds: await time(() => registry.listOperatingInstitutionIdsIn()),
      escrowFigures: await time(() => escrow.dashboardFigures({ operatingInstitutionIds: ids })),
      subjectRemaining: await time(() => registry.countSubjectInstitutionsRemaining()),
      operatingByCategory: await time(() => registry.countOperatingByCategory()),
    };
    console.log(JSON.stringify({ parts }));
    const sorted = [...timings].sort((a, b) => a - b);
    const summary = {
      institutions: INSTITUTIONS,
      seedMs,
      runs: RUNS,
      countyP50Ms: percentile(sorted, 50),
      countyMaxMs: sorted[sorted.length - 1],
      timings,
      figures: {
        operating: first.escrow.coverage.denominator,
        covered: first.escrow.coverage.numerator,
        subjectRemaining: first.registry.subjectInstitutionsRemaining,
        complaintsThisMonth: first.complaints.received,
        openTasks: first.supervision.open,
      },
      oneTownshipOperating: township.escrow.coverage.denominator,
      parts,
      headline: [
        {
          benchmark: 'dashboard',
          metric: `county-wide, ${INSTITUTIONS.toLocaleString('en')} institutions: p50 of ${RUNS}`,
          service: percentile(sorted, 50),
          unit: 'ms',
        },
        {
          benchmark: 'dashboard',
          metric: 'county-wide: of which escrow coverage',
          service: parts.escrowFigures,
          unit: 'ms',
        },
      ] satisfies Headline[],
    };
    console.log(JSON.stringify(summary.figures));
    console.log(
      `dashboard (county-wide, ${INSTITUTIONS.toLocaleString()} institutions): p50 ${summary.countyP50Ms} ms, max ${summary.countyMaxMs} ms over ${RUNS} runs (seed ${seedMs} ms)`,
    );
    console.log(`written to ${writeResult('dashboard', summary)}`);
  } finally {
    await app.close();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
