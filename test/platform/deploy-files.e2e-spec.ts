import * as fs from 'node:fs';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config/app-config';

// No Docker engine runs here, so the deployment files are checked by reading them: the services, ports,
// health checks and commands that `docker compose up` relies on.
type Service = {
  image?: string;
  build?: { context: string; target: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  profiles?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};

const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const envExample = fs.readFileSync('.env.example', 'utf8');

describe('docker-compose.yml', () => {
  const s = compose.services;

  it('runs PostgreSQL 16 and Redis 7 with append-only persistence and no eviction', () => {
    expect(s.postgres.image).toMatch(/^postgres:16/);
    expect(s.redis.image).toMatch(/^redis:7/);
    expect(s.redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(s.redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    expect(s.postgres.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    expect(s.redis.healthcheck?.test.join(' ')).toMatch(/redis-cli.*ping/);
  });

  it('runs the API on port 3000 and the worker from the same image, both waiting for healthy servers', () => {
    expect(s.api.command).toEqual(['node', 'dist/src/main.js']);
    expect(s.api.environment).toMatchObject({
      APP_ROLE: 'api',
      DB_MIGRATE_ON_START: 'true',
      DB_SEED_REFERENCE_ON_START: 'true',
      NODE_ENV: 'production',
    });
    expect(s.api.ports).toEqual(['3000:3000']);
    expect(s.worker.command).toEqual(['node', 'dist/src/worker.js']);
    expect(s.worker.environment).toMatchObject({ APP_ROLE: 'worker' });
    expect(s.worker.ports).toBeUndefined(); // scaled replicas must not fight over a host port
    for (const name of ['api', 'worker']) {
      expect(s[name].build).toEqual({ context: '.', target: 'runtime' });
      expect(s[name].environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(s[name].environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(s[name].depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      expect(s[name].healthcheck?.test.join(' ')).toMatch(/\/health\/ready/);
    }
  });

  it('has a test service that runs the suite against the compose servers, off by default', () => {
    expect(s.test.profiles).toEqual(['test']);
    expect(s.test.command).toEqual(['npm', 'test']);
    expect(s.test.build?.target).toBe('test');
    expect(s.test.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(s.test.environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('only sets variables the service documents in .env.example', () => {
    for (const name of ['api', 'worker']) {
      for (const key of Object.keys(s[name].environment ?? {}))
        expect(envExample).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
    }
  });
});

describe('Dockerfile', () => {
  it('builds in stages and runs the compiled API as an unprivileged user', () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    expect(stages).toEqual(['build', 'test', 'runtime']);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/node:20/);
  });
});

describe('.env.example', () => {
  it('lists every variable the configuration reads', () => {
    const sources = ['src/config/app-config.ts', ...fs.readdirSync('src/config').map((f) => `src/config/${f}`)];
    // The variable table, plus any variable still read directly with the EnvReader.
    const names = new Set<string>(Object.keys(CONFIG_VARIABLES));
    for (const file of sources) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/r\.\w+\('([A-Z][A-Z0-9_]+)'/g)) names.add(m[1] as string);
    }
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
