import { Type } from '@nestjs/common';
import { Field, ID, InterfaceType, Query, QueryOptions, ReturnTypeFuncValue } from '@nestjs/graphql';

/** Which object type a value handed out by `node`/`nodes` is (the interface's resolveType reads it). */
const nodeTypes = new WeakMap<object, Type<unknown>>();

/** Marks `value` as an instance of the GraphQL object type `type`, for the `Node` interface. */
export function asNode<T extends object>(value: T, type: Type<unknown>): T {
  nodeTypes.set(value, type);
  return value;
}

/**
 * Relay's `Node` interface (Global Object Identification): every object type with a by-id root field
 * implements it, and `node(id:)` refetches any of them. Ids are the records' UUIDs (ADR 0019).
 */
@InterfaceType('Node', {
  description: 'An object with an id that `node(id:)` refetches (Relay Global Object Identification)',
  resolveType: (value: object) => nodeTypes.get(value),
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'The globally unique id (a UUID) of the object' })
  id!: string;
}

/** One object type `node` can fetch: its by-id root field (a resolver method taking principal and id) and its entity. */
export interface NodeTypeRegistration {
  /** The GraphQL object type class, e.g. InstitutionObject. */
  type: () => Type<unknown>;
  /** The TypeORM entity of the table its ids live in. */
  entity: () => Type<unknown>;
  /** The resolver class and method of the by-id root field: `(principal, id) => Promise<object>`. */
  resolver: Type<unknown>;
  method: string;
}

const registrations: NodeTypeRegistration[] = [];

/** The object types `node`/`nodes` can fetch (filled as resolver classes are loaded). */
export function nodeTypeRegistrations(): readonly NodeTypeRegistration[] {
  return registrations;
}

export interface ByIdQueryOptions extends Omit<QueryOptions, 'nullable'> {
  /** The entity whose table holds the ids; `node(id:)` finds the type of an id there. */
  node: () => Type<unknown>;
}

/**
 * A get-by-id root query field: nullable, so a missing or out-of-scope id answers `null` for this field with
 * the module's NOT_FOUND error beside the data of its siblings; and registered as a `Node` type, so
 * `node(id:)`/`nodes(ids:)` refetch it through this very method (same principal, same scope). The method
 * takes `(@CurrentPrincipal() principal, @Args('id') id)` in that order.
 */
export function ByIdQuery(
  type: () => Type<unknown> & ReturnTypeFuncValue,
  { node, ...options }: ByIdQueryOptions,
): MethodDecorator {
  const query = Query(type, { ...options, nullable: true });
  return (target, key, descriptor) => {
    registrations.push({ type, entity: node, resolver: target.constructor as Type<unknown>, method: String(key) });
    query(target, key, descriptor);
  };
}
