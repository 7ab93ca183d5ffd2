import { randomInt } from 'node:crypto';
import {
  GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { FixedClock } from '../../src/platform/clock/clock';
import { recordSummary } from '../support/suite-summary';
import { GqlResult, TestApp, startTestApp } from '../support/test-app';
import { AUTHORIZATION_MATRIX } from './authorization-matrix';
import { SchemaOperation, loadSchema, placeholderValue, schemaOperations } from './graphql-placeholders';
import { Caller, loginCallers } from './principals';

/**
 * Schema-generated hostile arguments: for every argument of every query and mutation of schema.gql
 * (and every field of its input objects, recursively), one hostile value per class of its type — NUL and
 * control characters, over-long strings, lone surrogates, explicit nulls, forged and foreign cursors,
 * boundary and overflowing numbers, wrong enum values — with every other argument valid, sent as
 * anonymous and as one role the authorization matrix lets call it. Never INTERNAL, never a 5xx, every
 * refusal has a stable `extensions.code`, and a refusal leaves every table as it was. A new operation is
 * covered without touching this file.
 */
const BATCH = 24;
/** Tables a refusal may legitimately change: login throttling and rate-limit buckets count refused attempts. */
const UNGUARDED = new Set(['login_throttle', 'rate_limit_bucket', 'migrations', 'typeorm_metadata']);

interface Hostile {
  label: string;
  path: string[];
  value: unknown;
}

interface Case {
  op: SchemaOperation;
  caller: Caller;
  hostile: Hostile;
  query: string;
  variables: Record<string, unknown>;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** One hostile value per class for a value of `type`, at `path`. */
function hostileValues(
  type: GraphQLInputType,
  path: string[],
  name: string,
  foreignCursor: () => string,
  depth = 0,
): Hostile[] {
  const out: Hostile[] = [];
  if (!isNonNullType(type)) out.push({ label: 'explicit null', path, value: null });
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    // The element's classes, as a one-element list; a null element too.
    out.push({ label: 'null list element', path, value: [null] });
    for (const h of hostileValues(inner.ofType, [], name, foreignCursor, depth + 1))
      if (h.label !== 'explicit null') out.push({ ...h, label: `list of ${h.label}`, path, value: [h.value] });
    return out;
  }
  if (isInputObjectType(inner)) {
    if (depth > 4) return out;
    for (const f of Object.values(inner.getFields()))
      out.push(...hostileValues(f.type, [...path, f.name], f.name, foreignCursor, depth + 1));
    return out;
  }
  if (isEnumType(inner)) return [...out, { label: 'wrong enum value', path, value: 'NOT_A_MEMBER' }];
  if (!isScalarType(inner)) return out;
  switch (inner.name) {
    case 'Int':
      return [
        ...out,
        { label: 'Int max', path, value: 2147483647 },
        { label: 'negative', path, value: -1 },
        { label: '2^53', path, value: 2 ** 53 },
      ];
    case 'Float':
      return [
        ...out,
        { label: '1e308', path, value: 1e308 },
        { label: 'negative', path, value: -1.5 },
        { label: '2^53', path, value: 2 ** 53 },
      ];
    case 'Boolean':
      return [...out, { label: 'string for boolean', path, value: 'true' }];
    case 'JSON':
      return [...out, { label: 'NUL in JSON', path, value: { a: 'x\u0000y', b: ['\ud800'] } }];
    case 'DateTime':
      return [
        ...out,
        { label: 'impossible date', path, value: '2026-02-30T00:00:00Z' },
        { label: 'NUL', path, value: '2026-01-01\u0000' },
      ];
    case 'Date':
      return [
        ...out,
        { label: 'impossible date', path, value: '2026-02-30' },
        { label: 'NUL', path, value: '2026-01-01\u0000' },
      ];
    default: {
      // String, ID and custom string scalars.
      const strings: Hostile[] = [
        { label: 'NUL', path, value: 'a\u0000b' },
        { label: 'control character', path, value: 'a\u0007\u001bb' },
        { label: 'lone surrogate', path, value: 'a\ud800b' },
        { label: 'over-long', path, value: 'x'.repeat(100_001) },
      ];
      if (name === 'after' || name === 'cursor') {
        strings.push({ label: 'forged cursor', path, value: b64([{ a: 1 }, [2], null, 1e308]) });
        strings.push({ label: 'foreign cursor', path, value: foreignCursor() });
      }
      return [...out, ...strings];
    }
  }
}

/** A copy of `base` with `value` at `path` (the argument, then input fields; optional input objects on the way are filled with placeholders). */
function setAt(
  base: Record<string, unknown>,
  path: string[],
  value: unknown,
  argType: GraphQLInputType,
): Record<string, unknown> {
  const copy = structuredClone(base);
  let cursor: Record<string, unknown> = copy;
  let type: GraphQLInputType = argType;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (cursor[key] === undefined || cursor[key] === null) cursor[key] = placeholderValue(type);
    if (Array.isArray(cursor[key])) cursor[key] = (cursor[key] as unknown[])[0];
    cursor = cursor[key] as Record<string, unknown>;
    const named = getNamedType(type);
    type = isInputObjectType(named) ? named.getFields()[path[i + 1]!]!.type : type;
  }
  cursor[path.at(-1)!] = value;
  return copy;
}

/** Every case: an operation, a caller, one hostile value at one argument path, the rest placeholders. */
function buildCases(foreignCursor: () => string): Case[] {
  const cases: Case[] = [];
  for (const op of schemaOperations(loadSchema())) {
    const allowed = AUTHORIZATION_MATRIX[`${op.kind}.${op.name}`] ?? [];
    const callers: Caller[] = ['ANONYMOUS', ...(allowed.filter((c) => c !== 'ANONYMOUS').slice(0, 1) as Caller[])];
    const args = op.field.args;
    const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const named = getNamedType(op.field.type);
    const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
    const query = `${op.kind}${decl ? `(${decl})` : ''} { ${op.name}${call ? `(${call})` : ''}${selection} }`;
    const base: Record<string, unknown> = {};
    for (const a of args) if (isNonNullType(a.type)) base[a.name] = placeholderValue(a.type);
    for (const arg of args) {
      for (const h of hostileValues(arg.type, [arg.name], arg.name, foreignCursor)) {
        const variables = setAt(base, h.path, h.value, arg.type);
        for (const caller of callers) cases.push({ op, caller, hostile: h, query, variables });
      }
    }
  }
  return cases;
}

describe('hostile arguments, generated from the schema', () => {
  let t: TestApp;
  let tokens: Awaited<ReturnType<typeof loginCallers>>;
  let foreign = '';
  let tables: string[] = [];

  beforeAll(async () => {
    // The api role: no background subscribers, so only the requests under test change the database.
    t = await startTestApp({
      role: 'api',
      clock: new FixedClock('2026-11-25T02:00:00Z'),
      env: {
        COMPLAINT_SUBMIT_BURST: '10000',
        LOGIN_MAX_FAILURES: '100',
        LOGIN_SLOW_AFTER: '100',
        LOGIN_ADDRESS_MAX_FAILURES: '10000',
      },
    });
    tokens = await loginCallers(t);
    // A cursor another list issued (townships' schools list, as the county admin sees it).
    const page = await t.gql<{ schools: { pageInfo: { endCursor: string | null } } }>(
      '{ schools(first: 1) { pageInfo { endCursor } } }',
      {},
      tokens.COUNTY_ADMIN,
    );
    foreign = page.data?.schools.pageInfo.endCursor ?? b64(['x', 'y']);
    const rows: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    tables = rows.map((r) => r.table_name).filter((name) => !UNGUARDED.has(name));
  }, 120_000);
  afterAll(() => t?.close());

  /** Row count and md5 of every guarded table, in one statement. */
  async function fingerprintAll(): Promise<string> {
    const parts = tables.map(
      (name) =>
        `SELECT '${name}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM "${name}" x`,
    );
    const rows: { t: string; f: string }[] = await t.dataSource.query(parts.join(' UNION ALL '));
    return rows.map((r) => `${r.t}=${r.f}`).join('\n');
  }

  async function send(c: Case): Promise<GqlResult> {
    return t.gql(c.query, c.variables, tokens[c.caller], {
      'X-Forwarded-For': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    });
  }

  /** The properties of one answer; a refusal is an answer with errors and no data for the operation. */
  function problemsOf(c: Case, res: GqlResult): string[] {
    const where = `${c.op.kind} ${c.op.name} [${c.hostile.path.join('.')}: ${c.hostile.label}] as ${c.caller}`;
    const out: string[] = [];
    if (res.status >= 500) out.push(`${where}: HTTP ${res.status}`);
    for (const e of res.errors ?? []) {
      const code = e.extensions?.code;
      if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code))
        out.push(`${where}: error without a stable code: ${e.message}`);
      else if (code === 'INTERNAL' || code === 'INTERNAL_SERVER_ERROR')
        out.push(`${where}: ${code} ${String(e.extensions?.detail ?? e.message)}`);
    }
    return out;
  }
  const refused = (res: GqlResult, c: Case) =>
    (res.errors?.length ?? 0) > 0 && (res.data as Record<string, unknown> | undefined)?.[c.op.name] == null;

  it('answers every hostile argument of every operation with a stable code, never INTERNAL or a 5xx, and a refusal changes no table', async () => {
    const cases = buildCases(() => foreign);
    const problems: string[] = [];
    let slowest = 0;
    let refusals = 0;
    const started = Date.now();
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const before = await fingerprintAll();
      const answers = await Promise.all(
        batch.map(async (c) => {
          const t0 = Date.now();
          const res = await send(c);
          return { c, res, ms: Date.now() - t0 };
        }),
      );
      for (const { c, res, ms } of answers) {
        problems.push(...problemsOf(c, res));
        if (refused(res, c)) {
          refusals++;
          slowest = Math.max(slowest, ms);
        }
      }
      const after = await fingerprintAll();
      if (after === before) continue;
      // Something in the batch stored data. A success may; a refusal may not: replay each refusal alone.
      for (const { c, res } of answers) {
        if (!refused(res, c)) continue;
        const alone = await fingerprintAll();
        const again = await send(c);
        if (!refused(again, c)) continue;
        const changed = await fingerprintAll();
        if (changed !== alone) {
          const diff = changed
            .split('\n')
            .filter((line) => !alone.split('\n').includes(line))
            .map((line) => line.split('=')[0]);
          problems.push(
            `${c.op.kind} ${c.op.name} [${c.hostile.path.join('.')}: ${c.hostile.label}] as ${c.caller}: refused (${again.errors?.[0]?.extensions?.code}) but changed ${diff.join(', ')}`,
          );
        }
      }
    }
    const ops = new Set(cases.map((c) => `${c.op.kind}.${c.op.name}`)).size;
    const argumentPaths = new Set(cases.map((c) => `${c.op.kind}.${c.op.name}.${c.hostile.path.join('.')}`)).size;
    recordSummary('hostile inputs tried', cases.length);
    recordSummary('GraphQL hostile arguments: operations', ops);
    recordSummary('GraphQL hostile arguments: argument paths', argumentPaths);
    recordSummary('GraphQL hostile arguments: requests', cases.length);
    recordSummary('slowest refusal (ms)', slowest);
    console.log(
      `hostile arguments: ${ops} operations × ${argumentPaths} argument paths × hostile values = ${cases.length} requests (${refusals} refusals, slowest refusal ${slowest} ms, ${Date.now() - started} ms in all)`,
    );
    expect(cases.length).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  }, 600_000);
});
