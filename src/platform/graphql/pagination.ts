import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailed } from '../errors/domain-error';

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
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function Paginated<T>(node: Type<T>, name = node.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false })
  class ConnectionType {
    @Field(() => [Edge], { complexity: 0 })
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType as unknown as Type<Connection<T>>;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw new ValidationFailed([{ path: 'after', message: 'is not a cursor this list issued' }], 'Invalid cursor');
}

export interface KeysetOrder<E> {
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
  if (args.after) {
    const [value, tie] = decodeCursor(args.after, 2);
    const op = dir === 'ASC' ? '>' : '<';
    page.andWhere(`(${order.column}, ${order.tieBreaker}) ${op} (:__afterValue, :__afterTie)`, {
      __afterValue: value,
      __afterTie: tie,
    });
  }
  page.orderBy(order.column, dir).addOrderBy(order.tieBreaker, dir).take(undefined).limit(first + 1);
  const [totalCount, rows] = await Promise.all([qb.clone().getCount(), page.getMany()]);
  const hasNextPage = rows.length > first;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => {
    const v = order.value(node);
    return { cursor: encodeCursor([v instanceof Date ? v.toISOString() : v, order.tieValue(node)]), node };
  });
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** Complexity of a paged list field: its children's cost times the page size asked for. */
export const pagedComplexity = ({ args, childComplexity }: { args: { first?: number }; childComplexity: number }): number =>
  1 + childComplexity * (args.first ?? 20);
