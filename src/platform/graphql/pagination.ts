import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailed } from '../errors/domain-error';
import { UUID } from '../ids/uuid';
import { text } from '../i18n/text';

/** Cursor pagination (Relay connections): `first`/`after`, `edges`, `pageInfo`, `totalCount`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page' })
  @IsOptional()
  @IsString()
  // A sealed cursor of the longest sort key (a 200-character Chinese institution name) is about 900 characters.
  @MaxLength(2048)
  after?: string;
}

@ObjectType({ description: 'Where a page is in its list (Relay PageInfo)' })
export class PageInfo {
  @Field({ description: 'Whether more edges follow this page (ask with `after: endCursor`)' })
  hasNextPage!: boolean;

  @Field({
    description:
      'Whether edges precede this page: lists page forward only (`first`/`after`), so true exactly when `after` was given',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page (null when empty)' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of this page (null when empty)' })
  endCursor!: string | null;
}

/** The PageInfo of a forward page: its edges, whether a next page exists, and the `after` it was asked with. */
export function pageInfoOf(
  edges: readonly { cursor: string }[],
  hasNextPage: boolean,
  after: string | null | undefined,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: Boolean(after),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** `SupervisionTask` → `supervision task`. */
function inWords(typeName: string): string {
  return typeName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Builds the `XConnection` and `XEdge` object types for a node type, described for the schema
 * (`label` names the node in the descriptions; by default the type name in words, "supervision task").
 */
export function Paginated<T>(node: Type<T>, name = node.name, label = inWords(name)): Type<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${label} in a page of a list, with its cursor (Relay edge)` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge: pass it as `after` to get the edges that follow' })
    cursor!: string;

    @Field(() => node, { description: `The ${label}` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    isAbstract: false,
    description: `A page of ${label} records (Relay connection): edges, page info and the total count`,
  })
  class ConnectionType {
    @Field(() => [Edge], { complexity: 0, description: 'The records of this page, in list order' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page is in the list' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many records the whole list has (every page, with the same filter)' })
    totalCount!: number;
  }
  return ConnectionType as unknown as Type<Connection<T>>;
}

/** The type of one value a cursor carries; checked again when the cursor comes back. */
export type CursorValueType = 'string' | 'timestamp' | 'date' | 'uuid' | 'int';

/**
 * The identity of a list and its ordering: a cursor is sealed with it as associated data, so a cursor
 * opens only on the list, ordering and direction that issued it.
 */
export interface CursorSpec {
  /** Stable name of the list, e.g. `registry.institutions`. */
  list: string;
  /** The ordering, e.g. `name,id`. */
  order: string;
  direction: 'ASC' | 'DESC';
  /** The type of each value the cursor carries, in order. */
  types: readonly CursorValueType[];
}

let cursorKey: Buffer | null = null;

/**
 * Derives the cursor key from the service's ENCRYPTION_KEY (HKDF, its own label, so a cursor key never
 * opens data at rest). Called once when the platform module is built; every replica derives the same key.
 */
export function configureCursorKey(encryptionKey: Buffer): void {
  cursorKey = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'shuangjian list cursor v1', 32));
}

function keyOfCursors(): Buffer {
  if (!cursorKey) throw new Error('cursor key not configured (configureCursorKey)');
  return cursorKey;
}

const associatedData = (spec: CursorSpec): Buffer =>
  Buffer.from(`${spec.list}\n${spec.order}\n${spec.direction}`, 'utf8');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * An opaque cursor: AES-256-GCM over the JSON of the values, the list's identity as associated data,
 * base64url of iv ‖ tag ‖ ciphertext. Nothing in it is readable, and it cannot be forged or moved to
 * another list.
 */
export function encodeCursor(spec: CursorSpec, values: readonly unknown[]): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOfCursors(), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(spec));
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function hasType(value: unknown, type: CursorValueType): boolean {
  if (typeof value !== 'string') return false;
  switch (type) {
    case 'string':
      return value.length <= 1000;
    case 'uuid':
      return UUID.test(value);
    case 'date':
      return DATE_PATTERN.test(value);
    case 'timestamp':
      return TIMESTAMP_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
    case 'int':
      return /^-?\d{1,19}$/.test(value);
  }
}

/**
 * Opens a cursor issued by `encodeCursor` for the same list identity and checks each value's type;
 * anything else (another list's cursor, a tampered or hand-made one) is VALIDATION_FAILED on `path`.
 */
export function decodeCursor(spec: CursorSpec, cursor: string, path = 'after'): string[] {
  try {
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length > IV_BYTES + TAG_BYTES && /^[A-Za-z0-9_-]+$/.test(cursor)) {
      const decipher = createDecipheriv('aes-256-gcm', keyOfCursors(), raw.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(associatedData(spec));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
      const values: unknown = JSON.parse(text);
      if (
        Array.isArray(values) &&
        values.length === spec.types.length &&
        values.every((v, i) => hasType(v, spec.types[i] as CursorValueType))
      ) {
        return values as string[];
      }
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('cursor key not configured')) throw error;
    // fall through: not a cursor of this list
  }
  throw new ValidationFailed(
    [{ path, message: text('is not a cursor this list issued', '不是此列表发出的游标') }],
    text('Invalid cursor', '游标无效'),
  );
}

export interface KeysetOrder<E> {
  /** Stable name of the list (part of its cursors' identity), e.g. `registry.institutions`. */
  list: string;
  /** Type of the sort value in the cursor: `timestamp` for a Date column, `string` for text. */
  valueType: CursorValueType;
  /** Type of the tie-breaker in the cursor (default `uuid`). */
  tieType?: CursorValueType;
  /** SQL expression of the sort column, e.g. `t.name`. */
  column: string;
  /** Reads the sort value from an entity, for the cursor. */
  value: (entity: E) => string | number | Date | null;
  /** SQL expression of a unique tie-breaker, e.g. `t.id`. */
  tieBreaker: string;
  tieValue: (entity: E) => string;
  direction?: 'ASC' | 'DESC';
}

/**
 * Keyset pagination over a query builder: one query for the page (`first + 1` rows to learn whether a
 * next page exists) and one for the total, sent together. The sort column must not be null.
 */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  args: PageArgs,
  order: KeysetOrder<E>,
): Promise<Connection<E>> {
  const first = args.first ?? 20;
  const dir = order.direction ?? 'ASC';
  const page = qb.clone();
  const spec: CursorSpec = {
    list: order.list,
    order: `${order.column},${order.tieBreaker}`,
    direction: dir,
    types: [order.valueType, order.tieType ?? 'uuid'],
  };
  if (args.after) {
    const [value, tie] = decodeCursor(spec, args.after);
    const op = dir === 'ASC' ? '>' : '<';
    page.andWhere(`(${order.column}, ${order.tieBreaker}) ${op} (:__afterValue, :__afterTie)`, {
      __afterValue: value,
      __afterTie: tie,
    });
  }
  page
    .orderBy(order.column, dir)
    .addOrderBy(order.tieBreaker, dir)
    .take(undefined)
    .limit(first + 1);
  const [totalCount, rows] = await Promise.all([qb.clone().getCount(), page.getMany()]);
  const hasNextPage = rows.length > first;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => {
    const v = order.value(node);
    return { cursor: encodeCursor(spec, [v instanceof Date ? v.toISOString() : v, order.tieValue(node)]), node };
  });
  return { edges, pageInfo: pageInfoOf(edges, hasNextPage, args.after), totalCount };
}

/** Complexity of a paged list field: its children's cost times the page size asked for. */
export const pagedComplexity = ({
  args,
  childComplexity,
}: {
  args: { first?: number };
  childComplexity: number;
}): number => 1 + childComplexity * (args.first ?? 20);
