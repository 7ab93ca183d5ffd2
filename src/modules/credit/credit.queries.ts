import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { Principal, hasRole } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import {
  Connection,
  CursorSpec,
  PageArgs,
  decodeCursor,
  encodeCursor,
  paginate,
  pageInfoOf,
} from '../../platform/graphql/pagination';
import { READER_ROLES, READ_SCOPE, assertReader, scopeColumns } from './credit.access';
import { creditEntryNotFound, creditRecordNotFound } from './credit.errors';
import { CreditEntryFilter, PublicCreditEntry, Standing, standingOf, toPublic } from './credit-entry.types';
import { ACTIVE_ENTRY_STATUSES, CreditEntry, CreditListKind, PUBLISHED_STATUSES } from './entities/credit-entry.entity';
import {
  CreditRecord,
  CreditRecordKind,
  CreditRecordSource,
  CreditRecordStatus,
} from './entities/credit-record.entity';
import { UUID } from '../../platform/ids/uuid';

/** Cursor identity of the public black/white list (公示), newest effective date first. */
const PUBLIC_LIST_CURSOR: CursorSpec = {
  list: 'credit.public-list',
  order: 'effective_on,id',
  direction: 'DESC',
  types: ['date', 'uuid'],
};

interface CreditRecordFilter {
  institutionId?: string;
  kind?: CreditRecordKind;
  source?: CreditRecordSource;
  status?: CreditRecordStatus;
  townshipCode?: string;
}

export type StandingKindListed = 'BLACK' | 'WHITE' | 'GREY';

/**
 * The credit module's reads, in one place: scoped reads of entries and records, the public list (公示),
 * standings, the dashboard's counts, and the locking reads the services run inside their transactions.
 */
@Injectable()
export class CreditQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** An entry the actor may see. */
  async get(actor: Principal, id: string): Promise<CreditEntry> {
    assertReader(actor);
    if (!UUID.test(id)) throw creditEntryNotFound(id);
    const qb = this.dataSource.getRepository(CreditEntry).createQueryBuilder('e').where('e.id = :id', { id });
    applyScope(qb, actor, scopeColumns('e'), READ_SCOPE);
    const entry = await qb.getOne();
    if (!entry) throw creditEntryNotFound(id);
    return entry;
  }

  async list(actor: Principal, filter: CreditEntryFilter, page: PageArgs): Promise<Connection<CreditEntry>> {
    assertReader(actor);
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
      pageInfo: pageInfoOf(edges, rows.length > first, page.after),
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

  /**
   * Dashboard: entries on the published lists (published or awaiting removal) by kind, county-wide or
   * one township's (idx_credit_entry_public).
   */
  async countListedByKind(townshipCode?: string): Promise<Record<StandingKindListed, number>> {
    const rows = (await this.dataSource.query(
      `SELECT kind, count(*)::int AS count FROM credit_entry
       WHERE status IN ('PUBLISHED','REMOVAL_PROPOSED') AND ($1::varchar IS NULL OR township_code = $1) GROUP BY kind`,
      [townshipCode ?? null],
    )) as { kind: StandingKindListed; count: number }[];
    const counts: Record<StandingKindListed, number> = { BLACK: 0, WHITE: 0, GREY: 0 };
    for (const r of rows) counts[r.kind] = r.count;
    return counts;
  }

  /** The weekly whitelist review: published WHITE entries, and every institution with a live entry. */
  async whitelistReviewState(): Promise<{
    whitelisted: { id: string; institutionId: string; name: string }[];
    listed: Set<string>;
  }> {
    const whitelisted = (await this.dataSource.query(
      `SELECT id, institution_id AS "institutionId", institution_name AS name FROM credit_entry WHERE kind = 'WHITE' AND status IN ('PUBLISHED','REMOVAL_PROPOSED')`,
    )) as { id: string; institutionId: string; name: string }[];
    const listed = (await this.dataSource.query(
      `SELECT DISTINCT institution_id AS id FROM credit_entry WHERE status IN ('PROPOSED','PUBLISHED','REMOVAL_PROPOSED')`,
    )) as { id: string }[];
    return { whitelisted, listed: new Set(listed.map((r) => r.id)) };
  }

  /** The institution's proposed, published and removal-proposed entries (in the caller's transaction). */
  activeEntries(em: EntityManager, institutionId: string): Promise<CreditEntry[]> {
    return em.findBy(CreditEntry, { institutionId, status: In([...ACTIVE_ENTRY_STATUSES]) });
  }

  /** How many of `ids` are credit records of the institution. */
  countRecordsOf(em: EntityManager, institutionId: string, ids: string[]): Promise<number> {
    return em.countBy(CreditRecord, { id: In(ids), institutionId });
  }

  /** The records with these ids the actor may read (the roles and scope of `creditRecord(id:)`), in one statement. */
  readableRecordsByIds(actor: Principal, ids: readonly string[]): Promise<CreditRecord[]> {
    if (ids.length === 0 || !(actor.kind === 'system' || hasRole(actor, ...READER_ROLES))) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(CreditRecord)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids: [...ids] });
    applyScope(qb, actor, scopeColumns('r'), READ_SCOPE);
    return qb.getMany();
  }

  async getRecord(actor: Principal, id: string): Promise<CreditRecord> {
    assertReader(actor);
    if (!UUID.test(id)) throw creditRecordNotFound(id);
    const qb = this.dataSource.getRepository(CreditRecord).createQueryBuilder('r').where('r.id = :id', { id });
    applyScope(qb, actor, scopeColumns('r'), READ_SCOPE);
    const record = await qb.getOne();
    if (!record) throw creditRecordNotFound(id);
    return record;
  }

  async listRecords(actor: Principal, filter: CreditRecordFilter, page: PageArgs): Promise<Connection<CreditRecord>> {
    assertReader(actor);
    const qb = this.dataSource.getRepository(CreditRecord).createQueryBuilder('r');
    if (filter.institutionId) qb.andWhere('r.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.source) qb.andWhere('r.source = :source', { source: filter.source });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.townshipCode) qb.andWhere('r.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    applyScope(qb, actor, scopeColumns('r'), READ_SCOPE);
    return paginate(qb, page, {
      list: 'credit.records',
      valueType: 'timestamp',
      column: 'r.created_at',
      value: (r) => r.createdAt,
      tieBreaker: 'r.id',
      tieValue: (r) => r.id,
      direction: 'DESC',
    });
  }

  /** A record locked for revocation, or null. */
  lockRecord(em: EntityManager, id: string): Promise<CreditRecord | null> {
    return em
      .getRepository(CreditRecord)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
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
