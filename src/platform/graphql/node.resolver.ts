import { Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, IS_PUBLIC, Roles, ROLES } from '../auth/decorators';
import { Principal } from '../auth/principal';
import { ALL_ROLES, Role, STAFF_ROLES } from '../auth/role';
import { NotFound } from '../errors/domain-error';
import { UUID } from '../ids/uuid';
import { GqlContext } from './context';
import { NodeInterface, NodeTypeRegistration, asNode, nodeTypeRegistrations } from './node';
import { nodeIdNotUuid, nodeNotFound, tooManyNodeIds } from './node.errors';
import { uuidArg } from './uuid-arg.pipe';

/** At most this many ids in one `nodes` call, like a page. */
export const NODES_MAX = 100;

type ByIdMethod = (principal: Principal, id: string) => Promise<object>;

/**
 * `node(id:)` and `nodes(ids:)` (Relay Global Object Identification). Ids are UUIDs, unique across tables:
 * one statement finds the type of every id asked in the request, then each object is fetched through its
 * type's own by-id root field method with the caller's principal, after the same role check that field has.
 * Anything the caller may not read (no such id, out of scope, a type the role cannot read) is null with
 * NODE_NOT_FOUND.
 */
@Resolver(() => NodeInterface)
export class NodeResolver {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => NodeInterface, {
    nullable: true,
    description: 'The object with this id, of any Node type the caller may read (NODE_NOT_FOUND otherwise)',
  })
  node(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID, description: 'The id (a UUID) of the object' }, uuidArg()) id: string,
    @Context() ctx: GqlContext,
  ): Promise<object> {
    return this.loader(principal, ctx).load(id.toLowerCase());
  }

  @Roles(...ALL_ROLES)
  @Query(() => [NodeInterface], {
    nullable: 'items',
    description: `The objects with these ids (at most ${NODES_MAX}), in order; null with NODE_NOT_FOUND for each one the caller may not read`,
    complexity: ({ args, childComplexity }) =>
      1 + childComplexity * Math.min(Array.isArray(args.ids) ? args.ids.length : 1, NODES_MAX),
  })
  async nodes(
    @CurrentPrincipal() principal: Principal,
    @Args('ids', { type: () => [ID], description: `The ids (UUIDs) of the objects, at most ${NODES_MAX}` })
    ids: string[],
    @Context() ctx: GqlContext,
  ): Promise<(object | Error)[]> {
    if (ids.length > NODES_MAX) throw tooManyNodeIds(NODES_MAX);
    const bad = ids.findIndex((id) => !UUID.test(id));
    if (bad >= 0) throw nodeIdNotUuid(bad);
    const loader = this.loader(principal, ctx);
    return Promise.all(ids.map((id) => loader.load(id.toLowerCase()).catch((error: Error) => error)));
  }

  /** One loader per request: repeated ids are fetched once, and the types of all ids cost one statement. */
  private loader(principal: Principal, ctx: GqlContext) {
    const types = ctx.loaders.get<string, NodeTypeRegistration | null>('platform.nodeType', (ids) => this.typesOf(ids));
    return ctx.loaders.get<string, object>('platform.node', (ids) =>
      Promise.all(ids.map((id) => this.fetch(principal, id, types.load(id)).catch((error: Error) => error))),
    );
  }

  private async fetch(principal: Principal, id: string, type: Promise<NodeTypeRegistration | null>): Promise<object> {
    const registration = await type;
    if (!registration || !this.mayCall(principal, registration)) throw nodeNotFound();
    const resolver = this.moduleRef.get(registration.resolver, { strict: false }) as Record<string, ByIdMethod>;
    try {
      return asNode(
        await (resolver[registration.method] as ByIdMethod).call(resolver, principal, id),
        registration.type(),
      );
    } catch (error) {
      if (error instanceof NotFound) throw nodeNotFound();
      throw error;
    }
  }

  /** The role check of the by-id field itself (AccessGuard's rule): its `@Roles`, else STAFF_ROLES. */
  private mayCall(principal: Principal, registration: NodeTypeRegistration): boolean {
    const prototype = registration.resolver.prototype as Record<string, unknown>;
    const targets = [prototype[registration.method] as () => unknown, registration.resolver as Type<unknown>];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (principal.kind !== 'user') return false;
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES, targets) ?? STAFF_ROLES;
    return roles.includes(principal.role);
  }

  /** The Node type of each id, in one statement over every Node type's table (null: no such id). */
  private async typesOf(ids: readonly string[]): Promise<(NodeTypeRegistration | null)[]> {
    const registrations = nodeTypeRegistrations();
    const selects = registrations.map((r, i) => {
      const table = this.dataSource.getMetadata(r.entity()).tablePath;
      return `SELECT id::text AS id, ${i} AS type FROM "${table.split('.').join('"."')}" WHERE id = ANY($1::uuid[])`;
    });
    const rows: { id: string; type: number }[] = await this.dataSource.query(selects.join(' UNION ALL '), [ids]);
    const byId = new Map(rows.map((row) => [row.id, registrations[Number(row.type)] ?? null]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
