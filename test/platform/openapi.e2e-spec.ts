import * as fs from 'node:fs';
import * as path from 'node:path';
import { BANK_PREFIX, BankOpenApiValidator } from '../support/bank-openapi-validator';
import { TestApp, startTestApp } from '../support/test-app';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express has registered, as `METHOD /path`. */
function registeredRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: RouteLayer[] };
    _router?: { stack: RouteLayer[] };
  };
  const stack = (express.router ?? express._router)!.stack;
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${layer.route!.path}`)
      : [],
  );
}

/** Both OpenAPI documents: what the service serves, the committed copies, and what the bank routes really are. */
describe('OpenAPI documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('documents every registered /api/bank/v1 route, and registers every documented one', async () => {
    const doc = (await t.http().get(`${BANK_PREFIX}/openapi.json`).expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
          .map((m) => `${m.toUpperCase()} ${BANK_PREFIX}${p.replace(/\{([^}]+)\}/g, ':$1')}`),
      )
      .sort();
    const registered = registeredRoutes(t)
      .filter((r) => r.split(' ')[1]!.startsWith(`${BANK_PREFIX}/`) && r !== `GET ${BANK_PREFIX}/openapi.json`)
      .sort();
    expect(registered.length).toBeGreaterThan(0);
    expect(registered).toEqual(documented);
  });

  it('serves both documents identical to the committed copies (npm run openapi:print rewrites them)', async () => {
    const bank = (await t.http().get(`${BANK_PREFIX}/openapi.json`).expect(200)).body;
    expect(bank).toEqual(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'bank-api.openapi.json'), 'utf8')),
    );
    const staff = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    expect(staff).toEqual(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'staff-api.openapi.json'), 'utf8')),
    );
    // The bank document's limits are the configuration's, not a second copy of them.
    expect(bank.info.description).toContain(`bursts of ${t.runtime.config.bankApi.rateBurst}`);
    expect(bank.components.securitySchemes.BankTimestamp.description).toContain(
      `${t.runtime.config.bankApi.timestampSkewSeconds} s`,
    );
  });

  it('the staff document declares bearer auth and the CSV route’s required query parameters and content type', async () => {
    const staff = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    expect(staff.security).toEqual([{ bearer: [] }]);
    expect(staff.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const csv = staff.paths['/api/after-school/teacher-hours.csv'].get;
    expect(
      csv.parameters
        .filter((p: { required: boolean }) => p.required)
        .map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['from', 'to']);
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    const report = staff.paths['/api/supervision/reports/{file}'].get;
    expect(Object.keys(report.responses['200'].content).sort()).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/csv; charset=utf-8',
    ]);
  });

  it('the response validator the bank tests use catches a body that drifts from the document', () => {
    const v = new BankOpenApiValidator(t.runtime.config);
    expect(() =>
      v.check('GET', `${BANK_PREFIX}/accounts`, 200, 'application/json', { accounts: [], nextCursor: null }),
    ).not.toThrow();
    expect(() =>
      v.check('GET', `${BANK_PREFIX}/accounts`, 200, 'application/json', {
        accounts: [{ accountNo: 1 }],
        nextCursor: null,
      }),
    ).toThrow(/does not match the document/);
    expect(() => v.check('POST', `${BANK_PREFIX}/statements`, 201, 'application/json', {})).toThrow(/does not list/);
    expect(() =>
      v.check('POST', `${BANK_PREFIX}/statements`, 400, 'application/problem+json', {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'x',
      }),
    ).toThrow(/code/);
  });

  it('problems use RFC 9457 about:blank: title is the status phrase, code says what went wrong', async () => {
    const res = await t.http().get(`${BANK_PREFIX}/accounts`).expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
    expect(typeof res.body.code).toBe('string');
    const missing = await t.http().get('/api/supervision/reports/nope.csv').expect(401);
    expect(missing.body.type).toBe('about:blank');
  });
});
