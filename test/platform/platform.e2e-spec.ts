import * as fs from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { SCHEMA_FILE, renderSchemaFile } from '../../src/platform/graphql/schema-file';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { MetricsService } from '../../src/platform/metrics/metrics.service';

describe('platform: HTTP, GraphQL, errors, health, metrics', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    admin = (await t.loginAs(Role.COUNTY_ADMIN)).token;
  });
  afterAll(() => t?.close());

  it('answers liveness and readiness with the backends it checked', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.checks.database.status).toBe('up');
    expect(ready.body.checks.queue).toMatchObject({
      status: 'up',
      backend: process.env.REDIS_URL ? 'redis' : 'postgres',
    });
  });

  it('returns a request id on every response, keeping a sane one the caller sent', async () => {
    const generated = await t.http().get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http().get('/health/live').set('X-Request-Id', 'caller-id-12345');
    expect(kept.headers['x-request-id']).toBe('caller-id-12345');
    const replaced = await t.http().get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('lists the eleven township-level divisions of the county to anyone (public)', async () => {
    const res = await t.gql<{ townships: { code: string; name: string; kind: string }[] }>(
      '{ townships { code name kind } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.townships).toHaveLength(11);
    expect(res.data?.townships[0]).toEqual({ code: '520122001', name: '永阳街道', kind: 'STREET' });
    expect(res.data?.townships.map((x) => x.name)).toContain('青山苗族乡');
  });

  it('lists the 22 departments with the duties routing reads', async () => {
    const res = await t.gql<{ departments: { code: string; duties: { duty: string }[] }[] }>(
      '{ departments { code name duties { duty description } } }',
    );
    expect(res.data?.departments).toHaveLength(22);
    const withJointPunishment = res
      .data!.departments.filter((d) => d.duties.some((x) => x.duty === 'JOINT_PUNISHMENT'))
      .map((d) => d.code);
    expect(withJointPunishment).toEqual(['DEVELOPMENT_REFORM', 'MARKET_REGULATION', 'TAX', 'FINANCIAL_OFFICE']);
  });

  it('pages schools with cursors and resolves nested townships in one batch', async () => {
    const query = `query($after: String) { schools(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code name township { name } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: {
        data?: {
          schools: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: { node: { code: string; township: { name: string } } }[];
          };
        };
      } = await t.gql(query, { after }, admin);
      const page = res.data!.schools;
      expect(page.totalCount).toBe(8);
      seen.push(...page.edges.map((e) => e.node.code));
      for (const e of page.edges) expect(e.node.township.name).toBeTruthy();
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);
  });

  it('refuses bad arguments with VALIDATION_FAILED and unknown ids with NOT_FOUND codes', async () => {
    expectGqlError(await t.gql('{ schools(first: 1000) { totalCount } }', {}, admin), 'VALIDATION_FAILED');
    expectGqlError(await t.gql('{ schools(after: "garbage") { totalCount } }', {}, admin), 'VALIDATION_FAILED');
    expectGqlError(await t.gql('{ school(id: "not-a-uuid") { name } }', {}, admin), 'VALIDATION_FAILED');
    expectGqlError(
      await t.gql('{ school(id: "00000000-0000-4000-8000-000000000000") { name } }', {}, admin),
      'SCHOOL_NOT_FOUND',
    );
  });

  it('refuses a query nested 20 levels deep before running any resolver', async () => {
    let selection = 'name';
    for (let i = 0; i < 10; i++) selection = `schools { township { ${selection} } }`;
    const res = await t.gql(`{ townships { ${selection} } }`);
    const error = expectGqlError(res, 'QUERY_TOO_DEEP');
    expect(error.message).toMatch(/depth 2\d exceeds the limit of 10/);
    expect(res.data).toBeUndefined();
    expect(res.status).toBe(400);
  });

  it('refuses too many aliases and too costly queries', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: townships { code }`).join(' ');
    expectGqlError(await t.gql(`{ ${aliases} }`), 'QUERY_TOO_MANY_ALIASES');
    const costly = `{ schools(first: 100) { edges { node { township { schools { township { schools { name } } } } } } } }`;
    expectGqlError(await t.gql(costly), 'QUERY_TOO_COMPLEX');
  });

  it('answers unknown routes, malformed JSON and oversized bodies with problem+json', async () => {
    const missing = await t.http().get('/api/nothing-here').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not Found' });

    const malformed = await t
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send('{"query": ')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON' });

    const huge = JSON.stringify({ query: '{ townships { code } }', pad: 'x'.repeat(3 * 1024 * 1024) });
    const tooLarge = await t.http().post('/graphql').set('Content-Type', 'application/json').send(huge).expect(400);
    expect(tooLarge.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(JSON.stringify(tooLarge.body)).not.toMatch(/at .*\.js/);
  });

  it('exposes Prometheus metrics with latency by route', async () => {
    await t.gql('{ townships { code } }');
    const res = { text: await t.app.get(MetricsService).registry.metrics() };
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/graphql"/);
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
  });

  it('keeps the committed schema.gql in step with the resolvers', () => {
    const current = renderSchemaFile(t.app.get(GraphQLSchemaHost).schema);
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== current) throw new Error('schema.gql is stale: run `npm run schema:print` and commit it');
  });
});
