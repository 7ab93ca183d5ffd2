import {
  GraphQLObjectType,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
// The test stubs the reference module's own read service (what its resolvers call), not the facade other modules use.
// eslint-disable-next-line local/module-boundaries
import { ReferenceQueries } from '../../src/modules/reference/reference.queries';
import { FixedClock } from '../../src/platform/clock/clock';
import { Role } from '../../src/platform/auth/role';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { loadSchema, placeholderValue } from './graphql-placeholders';
import { fingerprint } from './db-fingerprint';

/**
 * Regressions of the GraphQL edge (issue #17 items 1, 3, 4, 7, 8, 9 and issue #21 items 1, 5), each at
 * the service's default limits: the standard introspection query, page sizes at and past the documented
 * maximum on every list, bounded `limit`s counted by the cost check, nested lists refused, NUL and
 * explicit nulls, no suggestions without introspection, and the execution budget.
 */
describe('GraphQL edge regressions', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', clock: new FixedClock('2026-11-25T02:00:00Z') });
    admin = (await t.loginAs(Role.COUNTY_ADMIN)).token;
  }, 120_000);
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers the standard introspection query, with every option, where introspection is on', async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const res = await t.gql<{ __schema: { types: unknown[] } }>(query);
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema.types.length).toBeGreaterThan(50);
    expect((await t.gql(getIntrospectionQuery())).errors).toBeUndefined();
  });

  /** Every Query list with `first`: a page of 100 with what a list screen shows (scalars and nested objects' scalars). */
  function pageQueries(first: number): { name: string; query: string; variables: Record<string, unknown> }[] {
    const schema = loadSchema();
    const scalars = (type: GraphQLObjectType) =>
      Object.values(type.getFields())
        .filter(
          (f) =>
            !f.args.some((a) => isNonNullType(a.type)) &&
            (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))),
        )
        .map((f) => f.name);
    const selection = (type: GraphQLObjectType): string => {
      const nested = Object.values(type.getFields())
        .filter(
          (f) =>
            !f.args.some((a) => isNonNullType(a.type)) &&
            isObjectType(getNamedType(f.type)) &&
            !isListType(getNullableType(f.type)),
        )
        .map((f) => `${f.name} { ${scalars(getNamedType(f.type) as GraphQLObjectType).join(' ') || '__typename'} }`);
      return [...scalars(type), ...nested].join(' ');
    };
    const out: { name: string; query: string; variables: Record<string, unknown> }[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const named = getNamedType(field.type);
      if (!field.args.some((a) => a.name === 'first')) continue;
      const required = field.args.filter((a) => isNonNullType(a.type));
      const decl = [...required.map((a) => `$${a.name}: ${String(a.type)}`), '$first: Int'].join(', ');
      const call = [...required.map((a) => `${a.name}: $${a.name}`), 'first: $first'].join(', ');
      let body: string;
      if (isObjectType(named) && named.name.endsWith('Connection')) {
        const node = getNamedType(
          (getNamedType(named.getFields().edges!.type) as GraphQLObjectType).getFields().node!.type,
        ) as GraphQLObjectType;
        body = `{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${selection(node)} } } }`;
      } else if (isObjectType(named)) body = `{ ${selection(named)} }`;
      else body = '';
      out.push({
        name: field.name,
        query: `query(${decl}) { ${field.name}(${call}) ${body} }`,
        variables: { ...Object.fromEntries(required.map((a) => [a.name, placeholderValue(a.type)])), first },
      });
    }
    return out;
  }

  it('lets every list serve its documented maximum page (first: 100) with a list screen’s fields; first: 101 or 0 is VALIDATION_FAILED, not "too complex"', async () => {
    const pages = pageQueries(100);
    expect(pages.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const page of pages) {
      const res = await t.gql(page.query, page.variables, admin);
      const codes = (res.errors ?? []).map((e) => String(e.extensions?.code));
      // Placeholders may name nothing (…_NOT_FOUND) or be refused by the list's own tighter bound; never by the edge's limits.
      if (codes.some((c) => c.startsWith('QUERY_TOO') || c === 'INTERNAL' || c === 'GRAPHQL_VALIDATION_FAILED'))
        problems.push(`${page.name}: ${JSON.stringify(res.errors)}`);
      for (const bad of [101, 0, -1, 2147483647]) {
        const over = await t.gql(page.query, { ...page.variables, first: bad }, admin);
        if (over.errors?.[0]?.extensions?.code !== 'VALIDATION_FAILED')
          problems.push(`${page.name} first ${bad}: ${JSON.stringify(over.errors)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('bounds and counts every `limit`: past 100 is VALIDATION_FAILED; lists of lists of 100 are refused as too complex', async () => {
    const nested = (limit: number) =>
      `{ escrowAccounts(first: 100) { edges { node { id recentTransactions(limit: ${limit}) { amount } } } } }`;
    const over = await t.gql(nested(101), {}, admin);
    const overError = expectGqlError(over, 'VALIDATION_FAILED');
    expect(overError.message).toBe(
      'Invalid argument limit of escrowAccounts.edges.node.recentTransactions: must be between 1 and 100',
    );
    expect(overError.extensions?.errors).toEqual([{ path: 'limit', message: 'must be between 1 and 100' }]);
    expectGqlError(
      await t.gql(
        `{ escrowAccounts(first: 1) { edges { node { recentStatements(limit: -5) { closingBalance } } } } }`,
        {},
        admin,
      ),
      'VALIDATION_FAILED',
    );
    const abusive = await t.gql(nested(100), {}, admin);
    expect(expectGqlError(abusive, 'QUERY_TOO_COMPLEX').message).toMatch(
      /^Query complexity \d+ exceeds the limit of 2000$/,
    );
    expect(abusive.status).toBe(400);
    // A page of accounts with their latest few transactions each is fine: 1 + 100 × (1 + 10 + 5).
    expect((await t.gql(nested(5), {}, admin)).errors).toBeUndefined();
  });

  it('refuses NUL, control characters, lone surrogates and over-long strings at the edge with VALIDATION_FAILED naming the path, for anonymous callers too', async () => {
    const search = `query($name: String!, $t: String) { searchInstitutionsPublic(filter: { name: $name, townshipCode: $t }) { __typename } }`;
    for (const [vars, path] of [
      [{ name: '培训\u0000学校' }, 'name'],
      [{ name: '培训学校', t: '52\u0000' }, 'townshipCode'],
      [{ name: 'ab\ud800' }, 'name'],
      [{ name: 'a\u0007b' }, 'name'],
      [{ name: 'x'.repeat(10_001) }, 'name'],
    ] as const) {
      const res = await t.gql(search, vars);
      const error = expectGqlError(res, 'VALIDATION_FAILED');
      expect(error.extensions?.errors).toEqual([expect.objectContaining({ path })]);
      expect(res.status).toBe(400);
    }
    const before = await fingerprint(t.dataSource);
    const complaint = await t.gql(
      `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`,
      {
        input: { category: 'OTHER', description: '收费\u0000不退', townshipCode: '520122001', anonymous: true },
      },
    );
    expect(expectGqlError(complaint, 'VALIDATION_FAILED').extensions?.errors).toEqual([
      expect.objectContaining({ path: 'description' }),
    ]);
    expect(await fingerprint(t.dataSource)).toEqual(before);
  });

  it('takes an explicit null of an optional argument as "not given" (the dashboard’s township)', async () => {
    const res = await t.gql<{ dashboard: { __typename: string } }>(
      `query($t: String) { dashboard(townshipCode: $t) { __typename } }`,
      { t: null },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const literal = await t.gql(`{ dashboard(townshipCode: null, asOf: null) { __typename } }`, {}, admin);
    expect(literal.errors).toBeUndefined();
  });

  it('stops a request that runs out of its execution budget before its next fields resolve', async () => {
    const slow = await startTestApp({ role: 'api', shareDatabaseOf: t, env: { GRAPHQL_EXECUTION_BUDGET_MS: '50' } });
    try {
      const token = (await slow.loginAs(Role.COUNTY_ADMIN)).token;
      const reference = slow.app.get(ReferenceQueries);
      const original = reference.listTownships.bind(reference);
      // The townships resolve after the budget is spent: their schools must not be resolved.
      let resolveLater: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (resolveLater = resolve));
      let entered: () => void = () => undefined;
      const inResolver = new Promise<void>((resolve) => (entered = resolve));
      jest.spyOn(reference, 'listTownships').mockImplementation(async (...args: Parameters<typeof original>) => {
        entered();
        await gate;
        return original(...args);
      });
      const pending = slow.gql(`{ townships { code schools { name } } }`, {}, token);
      // Hold the field until well after the 50 ms budget, counted from when the resolver started (the
      // request began earlier still), however slowly the loaded machine got the request there.
      await inResolver;
      await new Promise<void>((resolve) => setTimeout(resolve, 150));
      resolveLater();
      const res = await pending;
      const error = expectGqlError(res, 'EXECUTION_BUDGET_EXCEEDED') as { path?: unknown[] };
      // The slow field itself finished; the fields under it were refused, not resolved.
      expect(error.path?.[0]).toBe('townships');
      expect(error.path?.length).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });

  it('gives no "Did you mean" suggestions where introspection is off, and does where it is on', async () => {
    const typo = `{ townshipz { code } }`;
    expect((await t.gql(typo)).errors?.[0]?.message).toMatch(/Did you mean/);
    const closed = await startTestApp({ role: 'api', shareDatabaseOf: t, env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const res = await closed.gql(typo);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toBe('Cannot query field "townshipz" on type "Query".');
      const arg = await closed.gql(`{ townships(nam: "x") { code } }`);
      expect(arg.errors?.map((e) => e.message).join(' ')).not.toMatch(/Did you mean/);
    } finally {
      await closed.close();
    }
  });
});
