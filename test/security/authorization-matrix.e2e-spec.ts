import { randomUUID } from 'node:crypto';
import { getNamedType, isInputObjectType } from 'graphql';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestBankKey } from '../factories/identity.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { AUTHORIZATION_MATRIX } from './authorization-matrix';
import { loadSchema, placeholderRequest, schemaOperations } from './graphql-placeholders';
import { CALLERS, Caller, isDeniedCode, loginCallers } from './principals';
import { recordSummary } from '../support/suite-summary';

/**
 * REST routes anyone may call; every other route needs a staff login or a bank (/api/bank/v1), platform
 * (/api/platform/v1) or credit-platform (/api/credit-platform/v1) signature.
 */
const PUBLIC_ROUTES = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /api/bank/v1/openapi.json',
  'GET /api/platform/v1/openapi.json',
  'GET /api/credit-platform/v1/openapi.json',
  'GET /api/docs/openapi.json',
]);

interface Route {
  method: string;
  path: string;
}

/** Routes from the Express router that Nest filled (controllers and the Swagger document), `:param` made concrete. */
function restRoutes(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes: Route[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods))
      if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('authorization matrix', () => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof loginCallers>>;
  let bank: TestBankKey;
  const ops = schemaOperations();

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') });
    tokens = await loginCallers(t);
    bank = await t.registerBank();
  });
  afterAll(() => t?.close());

  it('has one row for every query and mutation of schema.gql, and no row for an operation that is gone', () => {
    const inSchema = ops.map((op) => `${op.kind}.${op.name}`);
    expect(inSchema.filter((name) => !(name in AUTHORIZATION_MATRIX))).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((name) => !inSchema.includes(name))).toEqual([]);
  });

  it('lets exactly the callers of the table past the function-level gate of each operation', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const op of ops) {
      const { query, variables } = placeholderRequest(op);
      const expected = new Set(AUTHORIZATION_MATRIX[`${op.kind}.${op.name}`] ?? []);
      for (const caller of CALLERS) {
        const res = await t.gql(query, variables, tokens[caller]);
        const code = res.errors?.[0]?.extensions?.code;
        // Placeholders are always well-formed, and nothing may fail with an internal error.
        if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR' || code === 'GRAPHQL_VALIDATION_FAILED')
          mismatches.push(`${op.name} as ${caller}: ${res.status} ${JSON.stringify(res.errors)}`);
        const allowed = !isDeniedCode(code);
        if (allowed !== expected.has(caller))
          mismatches.push(
            `${op.kind} ${op.name} as ${caller}: expected ${expected.has(caller) ? 'allowed' : 'denied'}, got ${code ?? 'success'}`,
          );
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    recordSummary('GraphQL operations × callers checked', checked);
    console.log(
      `authorization matrix: ${ops.length} operations × ${CALLERS.length} roles checked (${checked} requests)`,
    );
    // Every operation × every caller, one request at a time (about 2,800 requests): minutes on a loaded
    // two-core machine, past the suite's 60 s default, so this sweep has its own limit.
  }, 300_000);

  it('answers 401 to an anonymous request on every REST route that is not public', async () => {
    const routes = restRoutes(t);
    expect(routes.length).toBeGreaterThan(5);
    const open: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      // GraphQL has its own matrix above; the Swagger UI pages and documents under /api/docs are public.
      if (PUBLIC_ROUTES.has(key) || route.path === '/graphql' || route.path.startsWith('/api/docs')) continue;
      const path = route.path.replace(/:[a-zA-Z]+/g, () => randomUUID());
      const res = route.method === 'GET' ? await t.http().get(path) : await t.http().post(path).send({});
      if (res.status !== 401) open.push(`${key}: ${res.status}`);
      checked++;
    }
    expect(open).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(7);
    recordSummary('REST routes × callers checked', checked);
    console.log(`authorization matrix: ${checked} REST routes checked anonymously`);
    // The public ones answer without a login.
    for (const key of PUBLIC_ROUTES) expect([200, 503]).toContain((await t.http().get(key.split(' ')[1]!)).status);
  });

  it('refuses staff tokens and unsigned requests on every bank route, and a bank key on staff routes', async () => {
    const bankRoutes = restRoutes(t).filter(
      (r) => r.path.startsWith('/api/bank/v1/') && !PUBLIC_ROUTES.has(`${r.method} ${r.path}`),
    );
    expect(bankRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'GET /api/bank/v1/accounts',
        'GET /api/bank/v1/instructions',
        'POST /api/bank/v1/instructions/:id/ack',
        'POST /api/bank/v1/statements',
        'POST /api/bank/v1/transactions',
      ].sort(),
    );
    const admin = tokens.COUNTY_ADMIN!;
    for (const route of bankRoutes) {
      const path = route.path.replace(':id', randomUUID());
      const withToken = route.method === 'GET' ? t.http().get(path) : t.http().post(path).send({});
      expect((await withToken.set('Authorization', `Bearer ${admin}`)).status).toBe(401);
      const unsigned = route.method === 'GET' ? t.http().get(path) : t.http().post(path).send({});
      expect(
        (
          await unsigned
            .set('X-Bank-Key-Id', bank.keyId)
            .set('X-Timestamp', String(Math.floor(t.clock.now().getTime() / 1000)))
        ).status,
      ).toBe(401);
    }
    // A bank key is no staff login: signed requests to GraphQL and staff REST routes are refused.
    const gql = await t.bankRequest('POST', '/graphql', { query: '{ me { id } }' }, bank);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.bankRequest('GET', '/api/after-school/teacher-hours.csv', undefined, bank)).status).toBe(401);
  });

  it('refuses staff tokens, unsigned requests and bank keys on every credit-platform route', async () => {
    const creditRoutes = restRoutes(t).filter(
      (r) => r.path.startsWith('/api/credit-platform/v1/') && !PUBLIC_ROUTES.has(`${r.method} ${r.path}`),
    );
    expect(creditRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/credit-platform/v1/feed']);
    const admin = tokens.COUNTY_ADMIN!;
    for (const route of creditRoutes) {
      expect((await t.http().get(route.path).set('Authorization', `Bearer ${admin}`)).status).toBe(401);
      const unsigned = t
        .http()
        .get(route.path)
        .set('X-Credit-Platform-Key-Id', bank.keyId)
        .set('X-Timestamp', String(Math.floor(t.clock.now().getTime() / 1000)));
      expect((await unsigned).status).toBe(401);
      // Signed correctly, but with a bank key: the credit-platform routes know only their own key kind.
      expect((await t.bankRequest('GET', route.path, undefined, bank)).body.code).toBe('KEY_UNKNOWN');
    }
  });

  /*
   * Object- and property-level samples. Already proven by the module tests (not repeated here):
   * - another township's / department's complaint by id answers COMPLAINT_NOT_FOUND: test/complaints/complaints.e2e-spec.ts ("COMPLAINT_NOT_FOUND" for `other`);
   * - complainant contact stays masked except for the assigned departments' officers (and those views are audited): test/complaints/complaints.e2e-spec.ts;
   * - staff ID numbers are only ever shown masked (idNumberMasked), also to the discipline supervisor: test/registry/registry.e2e-spec.ts;
   * - bank A sees none of bank B's accounts (GET /accounts), statements for B's accounts are ACCOUNT_NOT_FOUND, B's
   *   instructions cannot be acked (INSTRUCTION_NOT_FOUND), and staff outside the scope get ACCOUNT_NOT_FOUND: test/escrow/escrow.e2e-spec.ts.
   */
  it('lets no one but the county office set a role: only county-admin mutations take an input with a role field', () => {
    const schema = loadSchema();
    const takesRole = (type: unknown, seen = new Set<string>()): boolean => {
      const named = getNamedType(type as never);
      if (!isInputObjectType(named) || seen.has(named.name)) return false;
      seen.add(named.name);
      return Object.values(named.getFields()).some((f) => f.name === 'role' || takesRole(f.type, seen));
    };
    const setters = schemaOperations(schema)
      .filter((op) => op.kind === 'mutation' && op.field.args.some((a) => a.name === 'role' || takesRole(a.type)))
      .map((op) => op.name);
    expect(setters.sort()).toEqual(['createUser', 'updateUserRole']);
    for (const name of setters) expect(AUTHORIZATION_MATRIX[`mutation.${name}`]).toEqual(['COUNTY_ADMIN']);
  });

  it('refuses every other role trying to make itself county admin, and leaves its role as it was', async () => {
    const others: Caller[] = [
      'DEPT_EDU',
      'DEPT_FIRE',
      'TOWNSHIP_OFFICER',
      'SCHOOL_ADMIN',
      'INSPECTOR',
      'DISCIPLINE_SUPERVISOR',
    ];
    for (const caller of others) {
      const me = await t.gql<{ me: { id: string; role: string } }>(`{ me { id role } }`, {}, tokens[caller]);
      const { id, role } = me.data!.me;
      const res = await t.gql(
        `mutation($input: UpdateUserRoleInput!) { updateUserRole(input: $input) { id role } }`,
        { input: { userId: id, role: 'COUNTY_ADMIN' } },
        tokens[caller],
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const [row] = await t.dataSource.query(`SELECT role FROM app_user WHERE id = $1`, [id]);
      expect(row.role).toBe(role);
    }
  });
});
