import { randomUUID } from 'node:crypto';
import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type OperationKind = 'query' | 'mutation';

export interface SchemaOperation {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** The committed schema (schema.gql; test/platform/platform.e2e-spec.ts keeps it in step with the code). */
export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
}

/** Every Query and Mutation field of the schema. */
export function schemaOperations(schema: GraphQLSchema = loadSchema()): SchemaOperation[] {
  const ops: SchemaOperation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) ops.push({ kind, name: field.name, field });
  }
  return ops;
}

/** A syntactically valid value of a GraphQL input type: required fields only, filled by type. */
export function placeholderValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholderValue(type.ofType);
  if (isListType(type)) return [placeholderValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type)) value[f.name] = placeholderValue(f.type);
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date().toISOString();
      case 'Date':
        return '2026-09-01';
      case 'JSON':
        return {};
      default:
        return 'x';
    }
  }
  throw new Error(`no placeholder for ${String(type)}`);
}

/** `mutation($a: T!) { op(a: $a) { __typename } }` with placeholder variables for the required arguments. */
export function placeholderRequest(op: SchemaOperation): { query: string; variables: Record<string, unknown> } {
  const required = op.field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const decl = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(op.field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  const query = `${op.kind}${decl ? `(${decl})` : ''} { ${op.name}${args ? `(${args})` : ''}${selection} }`;
  return { query, variables: Object.fromEntries(required.map((a) => [a.name, placeholderValue(a.type)])) };
}
