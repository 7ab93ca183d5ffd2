import { buildSchema } from 'graphql';
import { checkContract, formatProblems, isRecorded, recordedCoordinates, unreleasedSection } from './schema-contract';

const RELEASED = buildSchema(`
  type Query {
    schools(first: Int, townshipCode: String): [School!]!
    school(id: ID!): School
    legacy: String @deprecated(reason: "Use schools")
    plain: String
  }
  type Mutation { acceptTask(id: ID!): Task! }
  type School { id: ID! name: String! openedOn: String stage: Stage! }
  type Task { id: ID! }
  enum Stage { PRIMARY JUNIOR OLD @deprecated(reason: "Gone") RETIRED }
`);

/** The released schema with one edit (a string replacement on its SDL). */
function edited(from: string, to: string) {
  const sdl = `
  type Query {
    schools(first: Int, townshipCode: String): [School!]!
    school(id: ID!): School
    legacy: String @deprecated(reason: "Use schools")
    plain: String
  }
  type Mutation { acceptTask(id: ID!): Task! }
  type School { id: ID! name: String! openedOn: String stage: Stage! }
  type Task { id: ID! }
  enum Stage { PRIMARY JUNIOR OLD @deprecated(reason: "Gone") RETIRED }
`;
  if (!sdl.includes(from)) throw new Error(`fixture has no ${from}`);
  return buildSchema(sdl.replace(from, to));
}

const changelog = (unreleased: string, released = '') =>
  `# Changelog\n\nPolicy with \`Query.school\` named above the sections.\n\n## Unreleased: next\n\n${unreleased}\n\n## 1.0.0\n\n${released}\n`;

describe('schema contract check', () => {
  it('passes an identical schema and ignores safe and dangerous changes', async () => {
    expect((await checkContract(RELEASED, RELEASED, changelog(''))).problems).toEqual([]);
    // a new field (safe), a new optional argument and a new enum value (dangerous)
    const grown = buildSchema(
      `type Query { schools(first: Int, townshipCode: String, search: String): [School!]! school(id: ID!): School legacy: String @deprecated(reason: "Use schools") plain: String extra: Int }
       type Mutation { acceptTask(id: ID!): Task! }
       type School { id: ID! name: String! openedOn: String stage: Stage! }
       type Task { id: ID! }
       enum Stage { PRIMARY JUNIOR OLD @deprecated(reason: "Gone") RETIRED SENIOR }`,
    );
    const report = await checkContract(RELEASED, grown, changelog(''));
    expect(report.breaking).toEqual([]);
    expect(report.problems).toEqual([]);
  });

  it('fails a breaking change the Unreleased section does not name, and passes it once named', async () => {
    const current = edited('openedOn: String', 'openedOn: Int');
    const unrecorded = await checkContract(RELEASED, current, changelog('- Dates are days.'));
    expect(unrecorded.problems).toEqual([
      expect.objectContaining({ kind: 'unrecorded', coordinate: 'School.openedOn' }),
    ]);
    expect(formatProblems(unrecorded.problems)).toContain('School.openedOn');

    expect((await checkContract(RELEASED, current, changelog('- `School.openedOn` is a `Date`.'))).problems).toEqual(
      [],
    );
    // named only in a released section or above the sections: still unrecorded
    const elsewhere = await checkContract(RELEASED, current, changelog('', '- `School.openedOn` changed.'));
    expect(elsewhere.problems.map((p) => p.coordinate)).toEqual(['School.openedOn']);
  });

  it('records an argument change through its field or the argument coordinate, never through Query alone', async () => {
    const current = edited('schools(first: Int, townshipCode: String)', 'schools(first: Int)');
    const problems = async (text: string) => (await checkContract(RELEASED, current, changelog(text))).problems;
    expect((await problems('`Query`')).map((p) => p.coordinate)).toEqual(['Query.schools.townshipCode']);
    expect(await problems('`Query.schools`')).toEqual([]);
    expect(await problems('`Query.schools(townshipCode:)`')).toEqual([]);
    expect(await problems('`Query.schools.townshipCode`')).toEqual([]);
  });

  it('records a mutation argument change by the mutation coordinate', async () => {
    const current = edited('acceptTask(id: ID!)', 'acceptTask(input: ID!)');
    const report = await checkContract(RELEASED, current, changelog(''));
    expect(report.problems.map((p) => p.coordinate).sort()).toEqual([
      'Mutation.acceptTask.id',
      'Mutation.acceptTask.input',
    ]);
    expect((await checkContract(RELEASED, current, changelog('`Mutation.acceptTask`'))).problems).toEqual([]);
  });

  it('fails removing a field or enum value that was not deprecated, even when recorded', async () => {
    const noPlain = edited('    plain: String\n', '');
    const recorded = await checkContract(RELEASED, noPlain, changelog('- `Query.plain` removed.'));
    expect(recorded.problems).toEqual([expect.objectContaining({ kind: 'not-deprecated', coordinate: 'Query.plain' })]);
    expect(formatProblems(recorded.problems)).toMatch(/deprecate first/);

    const noRetired = edited(' RETIRED }', ' }');
    expect(
      (await checkContract(RELEASED, noRetired, changelog('- `Stage.RETIRED` removed.'))).problems.map((p) => p.kind),
    ).toEqual(['not-deprecated']);
  });

  it('lets a deprecated field or enum value go once the removal is recorded', async () => {
    const noLegacy = edited('    legacy: String @deprecated(reason: "Use schools")\n', '');
    expect((await checkContract(RELEASED, noLegacy, changelog(''))).problems).toEqual([
      expect.objectContaining({ kind: 'unrecorded', coordinate: 'Query.legacy' }),
    ]);
    expect((await checkContract(RELEASED, noLegacy, changelog('`Query.legacy` removed'))).problems).toEqual([]);

    const noOld = edited(' OLD @deprecated(reason: "Gone")', '');
    expect((await checkContract(RELEASED, noOld, changelog('`Stage.OLD`'))).problems).toEqual([]);
  });

  it('records a removed type by its name', async () => {
    // Task renamed Job: the type is gone and the mutation's result type changed
    const renamed = buildSchema(
      `type Query { schools(first: Int, townshipCode: String): [School!]! school(id: ID!): School legacy: String @deprecated(reason: "Use schools") plain: String }
       type Mutation { acceptTask(id: ID!): Job! }
       type School { id: ID! name: String! openedOn: String stage: Stage! }
       type Job { id: ID! }
       enum Stage { PRIMARY JUNIOR OLD @deprecated(reason: "Gone") RETIRED }`,
    );
    const report = await checkContract(RELEASED, renamed, changelog(''));
    expect(report.problems.map((p) => p.coordinate).sort()).toEqual(['Mutation.acceptTask', 'Task']);
    expect(
      (await checkContract(RELEASED, renamed, changelog('`Task` is `Job`; `Mutation.acceptTask`'))).problems,
    ).toEqual([]);
  });
});

describe('changelog coordinates', () => {
  it('reads the first Unreleased section only', () => {
    const text = '# C\n\n`A.b`\n\n## Unreleased: x\n\n`C.d`\n\n### Breaking\n\n`E`\n\n## 0.1.0\n\n`F.g`\n';
    expect([...recordedCoordinates(unreleasedSection(text))]).toEqual(['C.d', 'E']);
    expect(unreleasedSection('# C\n\n## 0.1.0\n')).toBe('');
  });

  it('keeps code spans that are coordinates and skips the rest', () => {
    expect([
      ...recordedCoordinates('`Query.schools` `npm run x` `A.b.c` `@deprecated` `X.y(z:)` `a b` `A.b.c.d` `1.2`'),
    ]).toEqual(['Query.schools', 'A.b.c', '@deprecated', 'X.y.z']);
  });

  it('matches a coordinate, its field or its type, but not a root type alone', () => {
    const recorded = new Set(['School', 'Query.schools', 'Mutation']);
    expect(isRecorded('School.openedOn', recorded)).toBe(true);
    expect(isRecorded('Query.schools.townshipCode', recorded)).toBe(true);
    expect(isRecorded('Query.school', recorded)).toBe(false);
    expect(isRecorded('Mutation.acceptTask', recorded)).toBe(false);
    expect(isRecorded('Mutation', recorded)).toBe(true);
    expect(isRecorded('Task', recorded)).toBe(false);
  });
});
