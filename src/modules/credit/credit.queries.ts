import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import {
  Connection,
  CursorSpec,
  PageArgs,
  decodeCursor,
  encodeCursor,
  paginate,
} from '../../platform/graphql/pagination';
import { READ_SCOPE, scopeColumns } from './credit.access';
import { creditEntryNotFound } from './credit.errors';
import { CreditEntryFilter, PublicCreditEntry, Standing, standingOf, toPublic } from './credit-entry.types';
import { CreditEntry, CreditListKind, PUBLISHED_STATUSES } from './entities/credit-entry.entity';
import { UUID } from '../../platform/ids/uuid';

/** Cursor identity of the public black/white list (公示), newest effective date first. */
const PUBLIC_LIST_CURSOR: CursorSpec = {
  list: 'credit.public-list',
  order: 'effective_on,id',
  direction: 'DESC',
  types: ['date', 'uuid'],
};

/**
 * The credit module's queries of list entries, in one place: scoped reads, the public list (公示),
 * standings, and the locking reads the entry workflow runs inside its transactions.
 */
@Injectable()
export class CreditQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** An entry the actor may see (callers check the actor reads at all). */
  async get(actor: Principal, id: string): Promise<CreditEntry> {
    if (!UUID.test(id)) throw creditEntryNotFound(id);
    const qb = this.dataSource.getRepository(CreditEntry).createQueryBuilder('e').where('e.id = :id', { id });
    applyScope(qb, actor, scopeColumns('e'), READ_SCOPE);
    const entry = await qb.getOne();
    if (!entry) throw creditEntryNotFound(id);
    return entry;
  }

  async list(actor: Principal, filter: CreditEntryFilter, page: PageArgs): Promise<Connection<CreditEntry>> {
    const qb = this.dataSource.getRepository(CreditEntry).createQueryBuilder('e');
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.institutionId) qb.andWhere('e.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.townshipCode) qb.andWhere('e.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    applyScope(qb, actor, scopeColumns('e'), READ_SCOPE);
    return paginate(qb, page, {
      list: 'credit.entries',
      valueType: 'timestamp',
      column: 'e.created_at',
      value: (e) => e.createdAt,
      tieBreaker: 'e.id',
      tieValue: (e) => e.id,
      direction: 'DESC',
    });
  }

  /** The public list (公示): published entries only, public fields only, newest first. */
  async publicList(
    filter: { kind: CreditListKind.BLACK | CreditListKind.WHITE; townshipCode?: string; search?: string },
    page: PageArgs,
  ): Promise<Connection<PublicCreditEntry>> {
    const qb = this.dataSource
      .getRepository(CreditEntry)
      .createQueryBuilder('e')
      .where('e.kind = :kind AND e.status IN (:...statuses)', { kind: filter.kind, statuses: [...PUBLISHED_STATUSES] });
    if (filter.townshipCode) qb.andWhere('e.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    const search = filter.search?.trim();
    if (search) {
      qb.andWhere(
        new Brackets((w) => {
          w.where(`e.institution_name ILIKE :pattern ESCAPE '\\'`, {
            pattern: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
          }).orWhere('e.credit_code = :code', { code: search.toUpperCase() });
        }),
      );
    }
    const first = page.first ?? 20;
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const [effectiveOn, id] = decodeCursor(PUBLIC_LIST_CURSOR, page.after) as [string, string];
      qb.andWhere('(e.effective_on, e.id) < (:afterOn::date, :afterId::uuid)', { afterOn: effectiveOn, afterId: id });
    }
    const rows = await qb
      .orderBy('e.effective_on', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const edges = rows
      .slice(0, first)
      .map((e) => ({ cursor: encodeCursor(PUBLIC_LIST_CURSOR, [e.effectiveOn, e.id]), node: toPublic(e) }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** Public standing of institutions: BLACK over GREY over WHITE, or NONE (for DataLoaders). */
  async standings(institutionIds: readonly string[]): Promise<Standing[]> {
    const ids = [...new Set(institutionIds)].filter((id) => UUID.test(id));
    const rows = ids.length
      ? await this.dataSource
          .getRepository(CreditEntry)
          .find({ where: { institutionId: In(ids), status: In([...PUBLISHED_STATUSES]) } })
      : [];
    return institutionIds.map((institutionId) =>
      standingOf(
        institutionId,
        rows.filter((r) => r.institutionId === institutionId),
      ),
    );
  }

  /** The same by unified social credit code (the public profile is looked up by code). */
  async standingsByCreditCode(creditCodes: readonly string[]): Promise<(Standing & { creditCode: string })[]> {
    const codes = [...new Set(creditCodes.map((c) => c.trim().toUpperCase()))];
    const rows = codes.length
      ? await this.dataSource
          .getRepository(CreditEntry)
          .find({ where: { creditCode: In(codes), status: In([...PUBLISHED_STATUSES]) } })
      : [];
    return creditCodes.map((code) => {
      const mine = rows.filter((r) => r.creditCode === code.trim().toUpperCase());
      return { ...standingOf(mine[0]?.institutionId ?? '', mine), creditCode: code };
    });
  }

  async lockEntry(em: EntityManager, id: string): Promise<CreditEntry> {
    if (!UUID.test(id)) throw creditEntryNotFound(id);
    const found = await em.findOne(CreditEntry, { where: { id } });
    if (!found) throw creditEntryNotFound(id);
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('credit_entry'), hashtext($1))`, [found.institutionId]);
    return em
      .getRepository(CreditEntry)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOneOrFail();
  }

  /** Published entries past their last day in force, locked (others' locks skipped), 500 at a time. */
  dueForExpiry(em: EntityManager, today: string): Promise<CreditEntry[]> {
    return em
      .getRepository(CreditEntry)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('e.status IN (:...statuses) AND e.expires_on < :today', { statuses: [...PUBLISHED_STATUSES], today })
      .orderBy('e.expires_on')
      .limit(500)
      .getMany();
  }
}
