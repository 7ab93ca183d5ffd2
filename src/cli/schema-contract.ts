import { Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

/**
 * The GraphQL contract check (`npm run schema:check`, docs/graphql.md "Changing the contract"): every
 * breaking change between the released contract (clients/schema.released.graphql) and schema.gql must be
 * recorded in CHANGELOG.md's Unreleased section by its schema coordinate, and a field or enum value may be
 * removed only once the released contract marks it `@deprecated`.
 */

/** One reason the contract check fails. */
export interface ContractProblem {
  /** `unrecorded`: the changelog does not name it; `not-deprecated`: removed without `@deprecated` first. */
  kind: 'unrecorded' | 'not-deprecated';
  /** The schema coordinate of the change: `Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`, `@directive`. */
  coordinate: string;
  /** graphql-inspector's description of the change. */
  change: string;
}

export interface ContractReport {
  /** Every breaking change found, recorded or not. */
  breaking: Change[];
  problems: ContractProblem[];
}

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
/** `Type`, `Type.field`, `Type.field.arg`, `Type.field(arg:)`, `@directive`, `@directive(arg:)`. */
const COORDINATE = new RegExp(`^(@?${NAME}(?:\\.${NAME}){0,2})(?:\\((${NAME}):\\))?$`);
/** Root operation types: naming one alone does not record every change to every operation. */
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/** The text of the first `## Unreleased…` section of a changelog, up to the next `## ` heading ('' if none). */
export function unreleasedSection(changelog: string): string {
  const start = changelog.search(/^## Unreleased\b/m);
  if (start < 0) return '';
  const rest = changelog.slice(start + 3);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

/**
 * The schema coordinates a changelog text names in code spans, normalised to dotted form
 * (`Query.schools(townshipCode:)` → `Query.schools.townshipCode`). Other code spans are ignored.
 */
export function recordedCoordinates(text: string): Set<string> {
  const found = new Set<string>();
  for (const [, span] of text.matchAll(/`([^`\n]+)`/g)) {
    const match = COORDINATE.exec(span!.trim());
    if (match) found.add(match[2] ? `${match[1]}.${match[2]}` : match[1]!);
  }
  return found;
}

/** A change's coordinate: graphql-inspector's path (`Type.field.arg`), or `schema` for schema-level changes. */
export function coordinateOf(change: Change): string {
  return change.path ?? 'schema';
}

/**
 * Whether a coordinate is recorded: named itself, or through its field (`Query.schools` records a change to
 * `Query.schools.townshipCode`) or its type (`Institution` records `Institution.licenceValidFrom`), except that
 * a root type name alone (`Query`, `Mutation`) records nothing below it.
 */
export function isRecorded(coordinate: string, recorded: ReadonlySet<string>): boolean {
  const parts = coordinate.split('.');
  for (let n = parts.length; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('.');
    if (n === 1 && n < parts.length && ROOTS.has(prefix)) return false;
    if (recorded.has(prefix)) return true;
  }
  return false;
}

/** Whether a field or enum value removed from the released schema was marked `@deprecated` there. */
export function wasDeprecated(released: GraphQLSchema, change: Change): boolean {
  const [typeName, memberName] = coordinateOf(change).split('.');
  const type = typeName ? released.getType(typeName) : undefined;
  if (!type || !memberName) return false;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
    return Boolean(type.getFields()[memberName]?.deprecationReason);
  if (isEnumType(type)) return Boolean(type.getValue(memberName)?.deprecationReason);
  return false;
}

/** Removals that must go through `@deprecated` in a released contract first. */
const REMOVALS = new Set<string>(['FIELD_REMOVED', 'ENUM_VALUE_REMOVED']);

/**
 * Compares the released contract with the current schema: dangerous and safe changes pass; each breaking
 * change must be recorded in the changelog's Unreleased section; a removed field or enum value must also
 * have been deprecated in the released contract (recorded or not).
 */
export async function checkContract(
  released: GraphQLSchema,
  current: GraphQLSchema,
  changelog: string,
): Promise<ContractReport> {
  const changes = await diff(released, current);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const recorded = recordedCoordinates(unreleasedSection(changelog));
  const problems: ContractProblem[] = [];
  for (const change of breaking) {
    const coordinate = coordinateOf(change);
    if (REMOVALS.has(change.type) && !wasDeprecated(released, change))
      problems.push({ kind: 'not-deprecated', coordinate, change: change.message });
    else if (!isRecorded(coordinate, recorded))
      problems.push({ kind: 'unrecorded', coordinate, change: change.message });
  }
  return { breaking, problems };
}

/** The report as the CLI prints it, one line per problem, with what to do. */
export function formatProblems(problems: readonly ContractProblem[]): string {
  const lines: string[] = [];
  const unrecorded = problems.filter((p) => p.kind === 'unrecorded');
  const removals = problems.filter((p) => p.kind === 'not-deprecated');
  if (unrecorded.length) {
    lines.push(
      `${unrecorded.length} breaking change(s) not recorded in CHANGELOG.md's Unreleased section (name each coordinate in backticks):`,
    );
    for (const p of unrecorded) lines.push(`  ${p.coordinate}: ${p.change}`);
  }
  if (removals.length) {
    lines.push(
      `${removals.length} removal(s) of a field or enum value that the released contract does not mark @deprecated: deprecate first, release, then remove:`,
    );
    for (const p of removals) lines.push(`  ${p.coordinate}: ${p.change}`);
  }
  return lines.join('\n');
}
