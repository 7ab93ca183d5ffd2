import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLArgument,
  GraphQLError,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getArgumentValues,
  getVariableValues,
  parse,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isListType,
  isObjectType,
  isInterfaceType,
  isScalarType,
} from 'graphql';
import { Extensions } from '@nestjs/graphql';
import { DomainError, FieldProblem, ValidationFailed } from '../errors/domain-error';
import { Problems } from '../errors/problems';
import { Text, text } from '../i18n/text';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  /** Most field selections an operation may have once every fragment spread is expanded. */
  maxFields: number;
  /** Longest string any argument may carry (inputs with their own @MaxLength are checked again by their DTO). */
  maxStringLength: number;
}

/** Page sizes (`first`, `limit`) are 1..PAGE_SIZE_MAX everywhere (the documented maximum). */
export const PAGE_SIZE_MAX = 100;
const SIZE_ARGS = new Set(['first', 'limit']);
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

export interface Measure {
  /** Deepest nested field level (the `__schema` / `__type` subtrees do not count). */
  depth: number;
  /** Aliases once fragments are expanded (introspection subtrees do not count). */
  aliases: number;
  /** Field selections once fragments are expanded, introspection included. */
  fields: number;
  /** Directives once fragments are expanded. */
  directives: number;
}

/** Sums that stay finite: an exponential document saturates here instead of reaching Infinity. */
const CAP = Number.MAX_SAFE_INTEGER;
const add = (a: number, b: number): number => Math.min(CAP, a + b);

function fragmentMap(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
}

/**
 * Depth, aliases, fields and directives of an operation as if every fragment spread were expanded, in
 * time linear in the size of the document: each fragment is measured once and its measure reused at
 * every spread (the expanded counts may be astronomically larger than the text; they saturate). A
 * fragment cycle or an unknown fragment counts as empty: validation refuses both.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  memo = new Map<string, Measure | null>(),
): Measure {
  const fragments = fragmentMap(document);
  const zero = (): Measure => ({ depth: 0, aliases: 0, fields: 0, directives: 0 });
  const fragment = (name: string): Measure => {
    if (memo.has(name)) return memo.get(name) ?? zero(); // null: in progress, a cycle
    const def = fragments.get(name);
    if (!def) return zero();
    memo.set(name, null);
    const m = walk(def.selectionSet);
    m.directives = add(m.directives, def.directives?.length ?? 0);
    memo.set(name, m);
    return m;
  };
  // Depth relative to the selection set (a set of leaves has depth 1).
  const walk = (set: SelectionSetNode): Measure => {
    const m = zero();
    for (const sel of set.selections) {
      m.directives = add(m.directives, sel.directives?.length ?? 0);
      if (sel.kind === Kind.FIELD) {
        m.fields = add(m.fields, 1);
        const child = sel.selectionSet ? walk(sel.selectionSet) : zero();
        m.fields = add(m.fields, child.fields);
        m.directives = add(m.directives, child.directives);
        if (INTROSPECTION_ROOTS.has(sel.name.value)) continue;
        if (sel.alias) m.aliases = add(m.aliases, 1);
        m.aliases = add(m.aliases, child.aliases);
        m.depth = Math.max(m.depth, 1 + child.depth);
      } else {
        const inner = sel.kind === Kind.INLINE_FRAGMENT ? walk(sel.selectionSet) : fragment(sel.name.value);
        m.depth = Math.max(m.depth, inner.depth);
        m.aliases = add(m.aliases, inner.aliases);
        m.fields = add(m.fields, inner.fields);
        m.directives = add(m.directives, inner.directives);
      }
    }
    return m;
  };
  return walk(operation.selectionSet);
}

/** The largest measure of the document's operations (fragments shared between them are measured once). */
export function measureDocument(document: DocumentNode): Measure {
  const memo = new Map<string, Measure | null>();
  const out: Measure = { depth: 0, aliases: 0, fields: 0, directives: 0 };
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const m = measureOperation(def, document, memo);
    out.depth = Math.max(out.depth, m.depth);
    out.aliases = Math.max(out.aliases, m.aliases);
    out.fields = Math.max(out.fields, m.fields);
    out.directives = Math.max(out.directives, m.directives);
  }
  return out;
}

/** A GraphQL refusal (400) whose message is answered in the request's language (formatGraphqlError). */
export function refuse(code: string, message: Text): GraphQLError {
  return new GraphQLError(message.en, {
    originalError: new DomainError(code, message, 400),
    extensions: { code, http: { status: 400 } },
  });
}

/** Refuses a document whose expanded shape is over a limit. Runs before validation, in linear time. */
export function checkDocumentShape(document: DocumentNode, limits: QueryLimits): void {
  const m = measureDocument(document);
  if (m.fields > limits.maxFields || m.directives > limits.maxFields) {
    const n = Math.max(m.fields, m.directives);
    throw refuse(
      'QUERY_TOO_LARGE',
      text(
        `Query selects ${n >= CAP ? 'too many' : n} fields once fragments are expanded; the limit is ${limits.maxFields}`,
        `查询展开片段后选择了${n >= CAP ? '过多' : ` ${n} 个`}字段，上限为 ${limits.maxFields} 个`,
      ),
    );
  }
  if (m.depth > limits.maxDepth)
    throw refuse(
      'QUERY_TOO_DEEP',
      text(
        `Query depth ${m.depth} exceeds the limit of ${limits.maxDepth}`,
        `查询嵌套深度 ${m.depth} 超过上限 ${limits.maxDepth}`,
      ),
    );
  if (m.aliases > limits.maxAliases)
    throw refuse(
      'QUERY_TOO_MANY_ALIASES',
      text(
        `Query uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`,
        `查询使用了 ${m.aliases} 个别名，上限为 ${limits.maxAliases} 个`,
      ),
    );
}

/** Field extension `nullClears`: an explicit null of this input field or argument means "clear it", not "not given". */
export const NULL_CLEARS = 'nullClears';

function nullClears(def: { extensions?: Readonly<Record<string, unknown>> | null }): boolean {
  return def.extensions?.[NULL_CLEARS] === true;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const NESTED_TOO_DEEPLY = text('is nested too deeply', '嵌套层级过深');
const MUST_NOT_BE_NULL = text('must not be null', '不能为 null');

/** What is wrong with a string argument, or undefined: storable text of a bounded length. */
export function stringProblem(value: string, maxLength: number): Text | undefined {
  if (value.length > maxLength) return text(`must be at most ${maxLength} characters`, `不能超过 ${maxLength} 个字符`);
  if (value.includes('\u0000')) return text('must not contain NUL characters', '不能包含 NUL 字符');
  if (CONTROL.test(value)) return text('must not contain control characters', '不能包含控制字符');
  if (LONE_SURROGATE.test(value))
    return text('must not contain lone surrogates (invalid Unicode)', '不能包含不成对的代理字符（无效的 Unicode）');
  return undefined;
}

/**
 * Checks one coerced argument value against its type: strings storable and bounded (JSON scalars are
 * walked too), no null inside a list, page sizes in range. An explicit null of a nullable argument or
 * input field is not a problem here: it means "not given" (see `dropNulls`).
 */
export function checkValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  limits: QueryLimits,
  out: Problems,
  depth = 0,
): void {
  if (out.list.length >= 20) return;
  if (value === null || value === undefined) return;
  if (depth > 50) {
    out.add(path, NESTED_TOO_DEEPLY);
    return;
  }
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    if (!Array.isArray(value)) return checkValue(value, t.ofType, path, limits, out, depth + 1);
    value.forEach((item, i) => {
      if (item === null) out.add(join(path, i), MUST_NOT_BE_NULL);
      else checkValue(item, t.ofType, join(path, i), limits, out, depth + 1);
    });
    return;
  }
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[key];
      if (f) checkValue(v, f.type, join(path, key), limits, out, depth + 1);
    }
    return;
  }
  checkLoose(value, path, limits, out, depth);
}

/** Scalars (including JSON): every string anywhere inside is checked. */
function checkLoose(value: unknown, path: string, limits: QueryLimits, out: Problems, depth: number): void {
  if (out.list.length >= 20) return;
  if (typeof value === 'string') {
    const problem = stringProblem(value, limits.maxStringLength);
    if (problem) out.add(path, problem);
  } else if (Array.isArray(value)) {
    if (depth > 50) out.add(path, NESTED_TOO_DEEPLY);
    else value.forEach((v, i) => checkLoose(v, join(path, i), limits, out, depth + 1));
  } else if (value && typeof value === 'object') {
    if (depth > 50) out.add(path, NESTED_TOO_DEEPLY);
    else
      for (const [k, v] of Object.entries(value)) {
        const keyProblem = stringProblem(k, limits.maxStringLength);
        if (keyProblem) out.add(join(path, k.slice(0, 40)), text(`key ${keyProblem.en}`, `键名${keyProblem.zh}`));
        checkLoose(v, join(path, k), limits, out, depth + 1);
      }
  }
}

function isSizeArg(arg: GraphQLArgument): boolean {
  const t = getNullableType(arg.type);
  return SIZE_ARGS.has(arg.name) && isScalarType(t) && t.name === 'Int';
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/**
 * Checks every argument of one field (coerced values): strings, list nulls, page sizes. Paths are named
 * as the input validation names them, so one mistake reads the same whichever check finds it: an
 * argument by its name (`townshipCode`), a field of an input object from inside it (`description` of
 * `input`).
 */
export function checkArguments(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  limits: QueryLimits,
  out: Problems,
): void {
  for (const arg of field.args) {
    const value = args[arg.name];
    const argPath = isInputObjectType(getNamedType(arg.type)) ? '' : arg.name;
    if (isSizeArg(arg) && typeof value === 'number' && (value < 1 || value > PAGE_SIZE_MAX)) {
      out.add(argPath, text(`must be between 1 and ${PAGE_SIZE_MAX}`, `须在 1 到 ${PAGE_SIZE_MAX} 之间`));
      continue;
    }
    checkValue(value, arg.type, argPath, limits, out);
  }
}

/**
 * An explicit null of an optional argument or input field means "not given": removed from the coerced
 * arguments before the resolver sees them (the same as leaving it out), unless the argument or field
 * declares `nullClears` (then null is passed on, meaning "clear it").
 */
export function dropNulls(
  args: Record<string, unknown>,
  defs: readonly { name: string; type: GraphQLInputType; extensions?: Readonly<Record<string, unknown>> | null }[],
): void {
  for (const def of defs) {
    if (!(def.name in args)) continue;
    const value = args[def.name];
    if (value === null) {
      if (!nullClears(def)) delete args[def.name];
      continue;
    }
    dropNullsIn(value, def.type, 0);
  }
}

function dropNullsIn(value: unknown, type: GraphQLInputType, depth: number): void {
  if (value === null || value === undefined || depth > 50) return;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t) && Array.isArray(value)) for (const item of value) dropNullsIn(item, t.ofType, depth + 1);
  else if (isInputObjectType(t) && typeof value === 'object')
    dropNulls(value as Record<string, unknown>, Object.values(t.getFields()));
}

function isSizedList(field: GraphQLField<unknown, unknown>): boolean {
  const named = getNamedType(field.type);
  return isListType(getNullableType(field.type)) || (isObjectType(named) && named.name.endsWith('Connection'));
}

type ComplexityFn = (options: { args: Record<string, unknown>; childComplexity: number }) => number;

/**
 * Cost of an operation: what the server must load. A field of an object type costs 1 plus its children;
 * a scalar field costs nothing unless it declares a cost (`complexity` on @Field: a number, added to its
 * children, or a function of its arguments and children). A list with a page size (`first` / `limit`)
 * costs its own cost plus, per element asked for (`first`/`limit` or its default), 1 for the object and its
 * children's cost.
 * Introspection subtrees cost nothing (the shape check bounds them). Each fragment is costed once.
 *
 * While walking, every field's coerced arguments are checked (`checkArguments`); the problems are
 * returned, not thrown, so the caller answers VALIDATION_FAILED before the cost check. Variables that do
 * not fit their types: `invalidVariables` is true and execution refuses the whole operation
 * (BAD_USER_INPUT naming the variable) before any resolver runs. One field whose arguments cannot be
 * computed (a nullable variable given null for a required argument) is a problem like any other, so the
 * operation is refused whole: otherwise its other fields would run unchecked and uncounted.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  limits: QueryLimits,
): { cost: number; problems: FieldProblem[]; invalidVariables: boolean; field?: string } {
  const fragments = fragmentMap(document);
  const memo = new Map<string, number>();
  const problems = new Problems();
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
  if (coerced.errors) return { cost: 0, problems: [], invalidVariables: true };
  const variables = coerced.coerced;
  /** The field (by its path in the document) whose arguments the first problem is in. */
  let problemField: string | undefined;
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, path: string): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename' || INTROSPECTION_ROOTS.has(name)) continue;
        if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const fieldPath = path ? `${path}.${sel.alias?.value ?? name}` : (sel.alias?.value ?? name);
        let args: Record<string, unknown> = {};
        const known = problems.list.length;
        try {
          args = getArgumentValues(field, sel, variables);
        } catch (error) {
          // One field's arguments do not fit (a nullable variable given null for a required argument):
          // the whole operation is refused here, so no other field runs unchecked and uncounted.
          // graphql-js's message is English (it names the argument); Chinese leads with what it means.
          const message = error instanceof Error ? error.message : 'arguments are not valid';
          problems.add('', text(message, `参数不符合要求：${message}`));
        }
        checkArguments(field, args, limits, problems);
        if (problems.list.length > known) problemField ??= fieldPath;
        const named = getNamedType(field.type);
        const child = sel.selectionSet ? walk(sel.selectionSet, named, fieldPath) : 0;
        const declared = field.extensions?.complexity as number | ComplexityFn | undefined;
        const own = typeof declared === 'number' ? declared : isCompositeType(named) ? 1 : 0;
        const sizeArg = field.args.find(isSizeArg);
        const size = sizeArg ? Number(args[sizeArg.name] ?? sizeArg.defaultValue ?? 20) : undefined;
        let fieldCost: number;
        if (typeof declared === 'function') fieldCost = declared({ args, childComplexity: child });
        else if (size !== undefined && isSizedList(field)) {
          // Each element of a list of objects is an object to load (a connection counts its nodes itself).
          const item = child + (isListType(getNullableType(field.type)) && isCompositeType(named) ? 1 : 0);
          fieldCost = own + Math.min(Math.max(size, 1), PAGE_SIZE_MAX) * item;
        } else fieldCost = own + child;
        cost = add(cost, Number.isFinite(fieldCost) ? Math.max(0, fieldCost) : CAP);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        cost = add(cost, walk(sel.selectionSet, type, path));
      } else {
        const name = sel.name.value;
        let c = memo.get(name);
        if (c === undefined) {
          memo.set(name, 0); // a cycle (refused by validation) costs nothing more
          const def = fragments.get(name);
          c = def ? walk(def.selectionSet, schema.getType(def.typeCondition.name.value), `...${name}`) : 0;
          memo.set(name, c);
        }
        cost = add(cost, c);
      }
    }
    return cost;
  };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const cost = walk(operation.selectionSet, root ?? undefined, '');
  return { cost, problems: [...problems.list], invalidVariables: false, field: problemField };
}

/** Stand-in documents for refused ones (also what Apollo's document cache keeps for the refused text). */
const REFUSED = new WeakMap<DocumentNode, GraphQLError>();

function refusedDocument(refusal: GraphQLError): DocumentNode {
  const document = parse('{ __typename }');
  REFUSED.set(document, refusal);
  return document;
}

/**
 * The GraphQL edge's checks, in order:
 * 1. before validation (graphql-js's own rules are not linear in the expanded size): the document's
 *    expanded shape — fields, directives, depth, aliases — measured in linear time;
 * 2. once the operation is known: every field's coerced arguments (VALIDATION_FAILED naming the path),
 *    then the cost;
 * 3. during execution: a time budget for queries, checked before each field resolves (a field not
 *    started in time answers EXECUTION_BUDGET_EXCEEDED), and explicit nulls of optional arguments
 *    dropped (not given).
 */
/** The refusal of an operation whose arguments break the limits (over HTTP and WebSocket alike). */
export function argumentsRefusal(problems: FieldProblem[], field: string | undefined): GraphQLError {
  const first = problems[0]!;
  const error = new ValidationFailed(
    problems,
    text(
      `Invalid argument ${first.path || 'input'} of ${field ?? 'the operation'}: ${first.message.en}`,
      `${field ?? '该操作'}的参数 ${first.path || 'input'} 不符合要求：${first.message.zh}`,
    ),
  );
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, status: 400, errors: problems, http: { status: 400 } },
  });
}

/** The refusal of an operation that costs more than the limit. */
export function complexityRefusal(cost: number, max: number): GraphQLError {
  return refuse(
    'QUERY_TOO_COMPLEX',
    text(
      `Query complexity ${cost >= CAP ? 'too large' : cost} exceeds the limit of ${max}`,
      `查询复杂度${cost >= CAP ? '过大' : ` ${cost} `}超过上限 ${max}`,
    ),
  );
}

export function queryLimitsPlugin(limits: QueryLimits & { executionBudgetMs: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart(context) {
          return async (parseError?: Error) => {
            if (parseError || !context.document) return;
            try {
              checkDocumentShape(context.document, limits);
            } catch (refusal) {
              // A hook may not throw here (Apollo answers that with a 500), and validation must not see
              // the document: it is swapped for a trivial one that carries the refusal to didResolveOperation.
              (context as { document: DocumentNode }).document = refusedDocument(refusal as GraphQLError);
            }
          };
        },
        async didResolveOperation({ operation, document, request, schema }) {
          const refusal = REFUSED.get(document);
          if (refusal) throw refusal;
          if (!operation) return;
          const { cost, problems, invalidVariables, field } = operationCost(
            schema,
            document,
            operation,
            request.variables ?? {},
            limits,
          );
          if (invalidVariables) return;
          if (problems.length) throw argumentsRefusal(problems, field);
          if (cost > limits.maxComplexity) throw complexityRefusal(cost, limits.maxComplexity);
        },
        async executionDidStart({ operation }) {
          // Queries only: a mutation's work is done once its root field resolves, and its answer must say so.
          const budgeted = operation?.operation === 'query';
          const deadline = Date.now() + limits.executionBudgetMs;
          let exceeded = false;
          return {
            willResolveField({ args, info }) {
              if (budgeted && (exceeded || Date.now() > deadline)) {
                exceeded = true;
                const message = text(
                  `The request ran out of its execution budget (${limits.executionBudgetMs} ms)`,
                  `请求超出执行时间预算（${limits.executionBudgetMs} 毫秒）`,
                );
                throw new GraphQLError(message.en, {
                  originalError: new DomainError('EXECUTION_BUDGET_EXCEEDED', message, 400),
                  extensions: { code: 'EXECUTION_BUDGET_EXCEEDED' },
                });
              }
              const field = info.parentType.getFields()[info.fieldName];
              if (field && field.args.length) dropNulls(args as Record<string, unknown>, field.args);
            },
          };
        },
      };
    },
  };
}

/** Marks an optional input field or argument whose explicit null means "clear it" (otherwise null means "not given"). */
export const NullClears = (): PropertyDecorator & MethodDecorator => Extensions({ [NULL_CLEARS]: true });
