import fc from 'fast-check';
import { FixedClock } from '../../src/platform/clock/clock';
import { Role } from '../../src/platform/auth/role';
import { recordSummary } from '../support/suite-summary';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Document-shape fuzz against the real HTTP server: generated documents — fragment graphs with mutual
 * spreads, diamonds and deep chains, inline fragments, nesting, aliases, @include/@skip with variables,
 * many variables — are each answered or refused within a generous safety bound (not a benchmark), and
 * /health/live keeps answering while they run. The exact attack of issue #17 is included: about 1 KB of
 * named fragments each spreading the previous one twice or more.
 */
const BOUND_MS = 1000;
const RUNS = Number(process.env.DOCUMENT_FUZZ_RUNS ?? 60);

/** Fields of Township / School that exist in schema.gql (so documents get past validation when small). */
const TOWNSHIP_LEAVES = ['code', 'name', '__typename'];
const SCHOOL_LEAVES = ['id', 'name', 'code'];

/** n fragments on Township, each spreading the previous one `fanout` times (2^n expansion), as one document. */
export function exponentialFragments(n: number, fanout: number): string {
  const parts = ['fragment F0 on Township { code name }'];
  for (let i = 1; i <= n; i++)
    parts.push(`fragment F${i} on Township { ${Array.from({ length: fanout }, () => `...F${i - 1}`).join(' ')} }`);
  return `{ townships { ...F${n} } } ${parts.join(' ')}`;
}

interface Doc {
  query: string;
  variables: Record<string, unknown>;
}

const name = fc.constantFrom(...'abcdefghij'.split(''));
const directive = fc.oneof(
  fc.constant(''),
  fc.constant(' @include(if: $yes)'),
  fc.constant(' @skip(if: $no)'),
  fc.integer({ min: 0, max: 19 }).map((i) => ` @include(if: $v${i})`),
);

/** A fragment graph: each fragment spreads some later-numbered ones (a DAG: chains, diamonds) or, rarely, an earlier one (a cycle). */
const fragmentGraph = fc
  .record({
    count: fc.integer({ min: 1, max: 40 }),
    spreads: fc.array(fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 4 }), { minLength: 40, maxLength: 40 }),
    cycles: fc.boolean(),
    aliases: fc.array(fc.tuple(name, fc.constantFrom(...TOWNSHIP_LEAVES)), { maxLength: 5 }),
    inline: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), directive), { maxLength: 4 }),
    dirs: fc.array(directive, { minLength: 40, maxLength: 40 }),
    nest: fc.integer({ min: 0, max: 12 }),
    vars: fc.integer({ min: 0, max: 60 }),
    fanout: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ count, spreads, cycles, aliases, inline, dirs, nest, vars, fanout }): Doc => {
    const frags: string[] = [];
    for (let i = 0; i < count; i++) {
      const targets = spreads[i]!.map((j) => (cycles ? j % count : i + 1 + (j % Math.max(1, count - i - 1)))).filter(
        (j) => j < count && (cycles || j > i),
      );
      const body = [
        ...TOWNSHIP_LEAVES.slice(0, 1 + (i % 3)),
        ...aliases.map(([a, f]) => `${a}${i}: ${f}`),
        ...targets.flatMap((j) => Array.from({ length: fanout }, () => `...T${j}${dirs[j] ?? ''}`)),
        ...inline.map(
          ([depth, d]) => `... on Township${d} { ${'schools { township { '.repeat(depth)}code${' } }'.repeat(depth)} }`,
        ),
      ];
      frags.push(`fragment T${i} on Township { ${body.join(' ')} }`);
    }
    const nested = `${'schools { township { '.repeat(nest)}...T0${' } }'.repeat(nest)}`;
    const varDecl = [
      '$yes: Boolean = true',
      '$no: Boolean = false',
      ...Array.from({ length: 20 }, (_, i) => `$v${i}: Boolean = true`),
      ...Array.from({ length: vars }, (_, i) => `$x${i}: String`),
    ];
    const used = Array.from(
      { length: vars },
      (_, i) =>
        `s${i}: townships { code @include(if: $yes) } k${i}: __typename @skip(if: $no) @include(if: ${i % 2 ? 'true' : '$yes'})`,
    ).join(' ');
    return {
      query: `query Q(${varDecl.join(', ')}) { townships { ${nested} schools { ${SCHOOL_LEAVES.join(' ')} } } ${used} } ${frags.join(' ')}`,
      variables: Object.fromEntries(Array.from({ length: vars }, (_, i) => [`x${i}`, 'v'])),
    };
  });

describe('document-shape fuzz', () => {
  let t: TestApp;
  let token: string;
  let documents = 0;
  let slowest = 0;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', clock: new FixedClock('2026-11-25T02:00:00Z') });
    token = (await t.loginAs(Role.COUNTY_ADMIN)).token;
  }, 120_000);
  afterAll(async () => {
    recordSummary('GraphQL documents tried', documents);
    recordSummary('slowest refusal (ms)', slowest);
    console.log(`document fuzz: ${documents} documents, slowest answer ${slowest} ms`);
    await t?.close();
  });

  /** Sends a document while probing /health/live; both must answer within the bound. */
  async function timed(doc: Doc): Promise<{ ms: number; status: number; codes: string[]; liveMs: number }> {
    const t0 = Date.now();
    const [res, liveMs] = await Promise.all([
      t.gql(doc.query, doc.variables, token),
      (async () => {
        const l0 = Date.now();
        await t.http().get('/health/live').expect(200);
        return Date.now() - l0;
      })(),
    ]);
    const ms = Date.now() - t0;
    documents++;
    slowest = Math.max(slowest, ms);
    return { ms, status: res.status, codes: (res.errors ?? []).map((e) => String(e.extensions?.code)), liveMs };
  }

  it('refuses the exponential-fragment attack (≈1 KB, each fragment spreading the previous one twice or more) at once, and stays live', async () => {
    for (const [n, fanout] of [
      [30, 2],
      [20, 3],
      [12, 5],
      [45, 2],
    ] as const) {
      const query = exponentialFragments(n, fanout);
      expect(query.length).toBeLessThan(2500);
      const r = await timed({ query, variables: {} });
      expect(r.status).toBe(400);
      expect(r.codes).toEqual(['QUERY_TOO_LARGE']);
      expect(r.ms).toBeLessThan(BOUND_MS);
      expect(r.liveMs).toBeLessThan(BOUND_MS);
    }
    // Small enough, the same shape runs.
    const small = await t.gql(exponentialFragments(3, 2), {}, token);
    expect(small.errors).toBeUndefined();
  });

  it('answers or refuses every generated document within the bound, with a stable code, never INTERNAL, while /health/live answers', async () => {
    await fc.assert(
      fc.asyncProperty(fragmentGraph, async (doc) => {
        const r = await timed(doc);
        expect(r.status).toBeLessThan(500);
        for (const code of r.codes) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(r.codes).not.toContain('INTERNAL');
        expect(r.codes).not.toContain('INTERNAL_SERVER_ERROR');
        expect(r.ms).toBeLessThan(BOUND_MS);
        expect(r.liveMs).toBeLessThan(BOUND_MS);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
