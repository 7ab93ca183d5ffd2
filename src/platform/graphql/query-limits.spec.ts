import { OperationDefinitionNode, buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { QueryLimits, checkDocumentShape, measureOperation, operationCost, stringProblem } from './query-limits';

function measure(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return measureOperation(operation, document);
}

const limits: QueryLimits = {
  maxDepth: 10,
  maxComplexity: 2000,
  maxAliases: 30,
  maxFields: 2000,
  maxStringLength: 100,
};

/** n fragments, each spreading the previous one `fanout` times: 2^n fields when expanded. */
function exponential(n: number, fanout = 2): string {
  const parts = ['fragment F0 on T { a }'];
  for (let i = 1; i <= n; i++)
    parts.push(`fragment F${i} on T { ${Array.from({ length: fanout }, () => `...F${i - 1}`).join(' ')} }`);
  return `{ t { ...F${n} } } ${parts.join(' ')}`;
}

describe('measureOperation', () => {
  it('counts nested field levels', () => {
    expect(measure('{ a }').depth).toBe(1);
    expect(measure('{ a { b { c } } }').depth).toBe(3);
  });

  it('follows fragments and inline fragments, and survives fragment cycles', () => {
    expect(measure('{ a { ...F } } fragment F on T { b { c } }').depth).toBe(3);
    expect(measure('{ a { ... on T { b { c { d } } } } }').depth).toBe(4);
    expect(measure('{ a { ...F } } fragment F on T { b { ...F } }').depth).toBe(2);
    expect(measure('{ a { ...F } } fragment F on T { ...G } fragment G on T { ...F b }').fields).toBe(2);
  });

  it('counts aliases and fields as if every spread were expanded', () => {
    expect(measure('{ x: a y: a z: b { w: c } }').aliases).toBe(4);
    expect(measure('{ a { ...F ...F ...F } } fragment F on T { x: b y: c }')).toMatchObject({ aliases: 6, fields: 7 });
    expect(
      measure(
        '{ a @include(if: true) { b @skip(if: false) ...F @include(if: true) } } fragment F on T @include(if: true) { c }',
      ).directives,
    ).toBe(4);
  });

  it('measures the exponential fragment attack exactly, in time linear in the document', () => {
    expect(measure(exponential(20)).fields).toBe(1 + 2 ** 20);
    // 2^600 expanded fields: the count saturates instead of overflowing, and takes no time to reach.
    const started = process.hrtime.bigint();
    const huge = measure(exponential(600, 3));
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000); // a safety bound, not a benchmark
    expect(huge.fields).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => checkDocumentShape(parse(exponential(600, 3)), limits)).toThrow(
      /QUERY_TOO_LARGE|fields once fragments/,
    );
  });

  it('does not count the introspection subtrees toward depth or aliases, but does count their fields', () => {
    const m = measure(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(m.depth).toBe(0);
    expect(m.fields).toBeGreaterThan(50);
    expect(() => checkDocumentShape(parse(getIntrospectionQuery()), limits)).not.toThrow();
  });
});

describe('stringProblem', () => {
  it('refuses NUL, control characters, lone surrogates and over-long strings; accepts ordinary text', () => {
    expect(stringProblem('a\u0000b', 100)?.en).toMatch(/NUL/);
    expect(stringProblem('a\u0007b', 100)?.en).toMatch(/control/);
    expect(stringProblem('a\ud800b', 100)?.en).toMatch(/surrogate/);
    expect(stringProblem('a\udc00', 100)?.en).toMatch(/surrogate/);
    expect(stringProblem('x'.repeat(101), 100)?.en).toMatch(/at most 100/);
    expect(stringProblem('机构 😀\ttab\nline', 100)).toBeUndefined();
  });
});

describe('operationCost', () => {
  const schema = buildSchema(`
    type Query { items(first: Int, q: String): [Item!]! item: Item name(q: String): String }
    type Item { id: ID! owner: Item children(limit: Int = 10): [Item!]! label: String }
  `);
  const cost = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
    return operationCost(schema, document, operation, variables, limits);
  };

  it('counts objects, multiplies a page by its size (argument, variable or default), and not scalars', () => {
    expect(cost('{ name }').cost).toBe(0);
    expect(cost('{ item { id label owner { id } } }').cost).toBe(2);
    expect(cost('{ items(first: 100) { id owner { id } } }').cost).toBe(1 + 100 * (1 + 1));
    expect(cost('query($n: Int) { items(first: $n) { id } }', { n: 50 }).cost).toBe(1 + 50);
    expect(cost('query($n: Int) { items(first: $n) { owner { id } } }', { n: 50 }).cost).toBe(1 + 50 * 2);
    expect(cost('{ item { children { owner { id } } } }').cost).toBe(1 + 1 + 10 * (1 + 1));
    expect(cost('{ items(first: 100) { children(limit: 100) { owner { id } } } }').cost).toBe(
      1 + 100 * (1 + 1 + 100 * 2),
    );
  });

  it('costs each fragment once and uses the cost at every spread', () => {
    expect(cost('{ item { ...F ...F } } fragment F on Item { owner { id } }').cost).toBe(1 + 2);
  });

  it('reports out-of-range page sizes and bad strings by path, with coerced variables', () => {
    // Paths name the argument as input validation does; the field it belongs to is reported beside them.
    expect(cost('{ items(first: 101) { id } }')).toMatchObject({
      problems: [{ path: 'first', message: { en: 'must be between 1 and 100', zh: '须在 1 到 100 之间' } }],
      field: 'items',
    });
    expect(cost('{ x: items(first: 0) { id } }')).toMatchObject({ problems: [{ path: 'first' }], field: 'x' });
    expect(cost('query($q: String) { name(q: $q) }', { q: 'a\u0000' })).toMatchObject({
      problems: [{ path: 'q', message: { en: 'must not contain NUL characters', zh: '不能包含 NUL 字符' } }],
      field: 'name',
    });
    expect(cost('{ item { ...F } } fragment F on Item { children(limit: 1000) { id } }')).toMatchObject({
      problems: [{ path: 'limit' }],
      field: '...F.children',
    });
    expect(cost('query($q: String) { name(q: $q) }', { q: 12 }).invalidVariables).toBe(true);
  });

  it('refuses the whole operation when the arguments of one field cannot be computed, so no other field escapes the checks', () => {
    const strict = buildSchema(`type Query { byId(id: ID!): String name(q: String): String }`);
    const document = parse('query($v: ID = "x", $q: String) { name(q: $q) byId(id: $v) }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    // Validation accepts a defaulted nullable variable in a required argument; null then fails one field.
    const result = operationCost(strict, document, operation, { v: null, q: 'a\u0000' }, limits);
    expect(result.invalidVariables).toBe(false);
    expect(result.problems).toEqual([
      { path: 'q', message: { en: 'must not contain NUL characters', zh: '不能包含 NUL 字符' } },
      { path: '', message: { en: expect.stringMatching(/byId|id/), zh: expect.stringMatching(/^参数不符合要求：/) } },
    ]);
  });
});
