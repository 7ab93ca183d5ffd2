import { Injectable } from '@nestjs/common';
import { UUID } from '../../platform/ids/uuid';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { complaintScope } from './complaints.access';
import { OPEN_STATUSES } from './complaint.enums';
import { Complaint } from './entities/complaint.entity';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';
import { ComplaintInstitutionReply } from './entities/complaint-institution-reply.entity';
import { ComplaintDashboardFigures, ComplaintFilter, ComplaintOverdueRow } from './complaints.types';

/** SQL of the same rule, over alias `c`, with the parameter `:now`. */
const OVERDUE_SQL = `((c.status IN ('RECEIVED','ACCEPTED') AND c.route_due_at <= :now)
  OR (c.status = 'RECEIVED' AND c.accept_due_at <= :now)
  OR (c.status IN ('ACCEPTED','ASSIGNED','INVESTIGATING') AND c.handle_due_at <= :now)
  OR (c.status = 'UNDER_REVIEW' AND c.review_due_at <= :now))`;

/** The complaints module's reads: every query over the complaint tables outside a command's transaction. */
@Injectable()
export class ComplaintsQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Narrows a query over alias `c` to the complaints the actor may see. */
  scoped(qb: SelectQueryBuilder<Complaint>, actor: Principal): SelectQueryBuilder<Complaint> {
    const scope = complaintScope(actor);
    if (scope.kind === 'none') qb.andWhere('1 = 0');
    else if (scope.kind === 'where') qb.andWhere(scope.sql, scope.params);
    return qb;
  }

  findScoped(actor: Principal, id: string): Promise<Complaint | null> {
    return this.scoped(
      this.dataSource.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id }),
      actor,
    ).getOne();
  }

  /**
   * The complaints with these ids the actor may see (the scope of `complaint(id:)`: complaintScope names no
   * complaint for a role that reads none), in one statement; the others are left out: for the links.
   */
  readableByIds(actor: Principal, ids: readonly string[]): Promise<Complaint[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.scoped(
      this.dataSource
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.id IN (:...ids)', { ids: [...ids] }),
      actor,
    ).getMany();
  }

  list(actor: Principal, filter: ComplaintFilter, page: PageArgs): Promise<Connection<Complaint>> {
    const qb = this.scoped(this.dataSource.getRepository(Complaint).createQueryBuilder('c'), actor);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter.townshipCode) qb.andWhere('c.township_code = :township', { township: filter.townshipCode });
    if (filter.departmentCode)
      qb.andWhere('(c.lead_department_code = :dept OR :dept = ANY(c.co_department_codes))', {
        dept: filter.departmentCode,
      });
    if (filter.overdue !== undefined)
      qb.andWhere(filter.overdue ? OVERDUE_SQL : `NOT COALESCE(${OVERDUE_SQL}, false)`, { now: this.clock.now() });
    return paginate(qb, page, {
      list: 'complaints.complaints',
      valueType: 'timestamp',
      column: 'c.received_at',
      value: (c) => c.receivedAt,
      tieBreaker: 'c.id',
      tieValue: (c) => c.id,
      direction: 'DESC',
    });
  }

  /** The public fields of a complaint, by (normalised) tracking number. */
  byTrackingNumber(number: string): Promise<Complaint | null> {
    return this.dataSource.getRepository(Complaint).findOne({
      where: { trackingNumber: number },
      select: { id: true, trackingNumber: true, category: true, status: true, receivedAt: true },
    });
  }

  /** Id and tracking number of a complaint by id (unscoped: for the module that opened it). */
  /** Each complaint's institution and township, in one statement (unknown ids are left out). */
  subjects(ids: readonly string[]): Promise<{ id: string; institutionId: string | null; townshipCode: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Complaint)
      .find({ where: { id: In([...ids]) }, select: { id: true, institutionId: true, townshipCode: true } });
  }

  byId(id: string): Promise<Pick<Complaint, 'id' | 'trackingNumber'> | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return this.dataSource
      .getRepository(Complaint)
      .findOne({ where: { id }, select: { id: true, trackingNumber: true } });
  }

  timeline(complaintId: string): Promise<ComplaintTimelineEntry[]> {
    return this.dataSource.getRepository(ComplaintTimelineEntry).find({ where: { complaintId }, order: { id: 'ASC' } });
  }

  async timelines(ids: readonly string[]): Promise<ComplaintTimelineEntry[]> {
    return this.dataSource
      .getRepository(ComplaintTimelineEntry)
      .find({ where: { complaintId: In([...ids]) }, order: { id: 'ASC' } });
  }

  /** The institution's replies (机构说明) to each complaint, oldest first; the complaints are in the reader's scope. */
  institutionReplies(ids: readonly string[]): Promise<ComplaintInstitutionReply[]> {
    return this.dataSource
      .getRepository(ComplaintInstitutionReply)
      .find({ where: { complaintId: In([...ids]) }, order: { repliedAt: 'ASC', id: 'ASC' } });
  }

  /** How many complaints are linked to each primary. */
  async duplicateCounts(ids: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; n: number }[] = await this.dataSource.query(
      `SELECT duplicate_of AS id, count(*)::int AS n FROM complaint WHERE duplicate_of = ANY($1::uuid[]) GROUP BY duplicate_of`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /**
   * Complaints still being worked on at `now` and, of them, those past a pending statutory deadline (the
   * `overdue` rule), by status: the open set through idx_complaint_status, for the metrics gauges.
   */
  async workload(now: Date): Promise<{ status: string; open: number; overdue: number }[]> {
    return (await this.dataSource.query(
      `SELECT c.status, count(*)::int AS open, count(*) FILTER (WHERE ${OVERDUE_SQL.replace(/:now/g, () => '$2')})::int AS overdue
       FROM complaint c WHERE c.status = ANY($1::varchar[]) GROUP BY c.status ORDER BY c.status`,
      [OPEN_STATUSES, now],
    )) as { status: string; open: number; overdue: number }[];
  }

  /**
   * Dashboard figures for a period [from, to) (index-backed: idx_complaint_received / idx_complaint_township
   * and the closed-at index): complaints received in it, closed in it, received in it that went past a
   * deadline (an overdue marker is set), and of those closed in it with a rating, how many were
   * satisfied or basically satisfied. County-wide, or one township's.
   */
  async dashboardFigures(input: { from: Date; to: Date; townshipCode?: string }): Promise<ComplaintDashboardFigures> {
    const [r] = (await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM complaint WHERE received_at >= $1 AND received_at < $2 AND ($3::varchar IS NULL OR township_code = $3))::int AS received,
         (SELECT count(*) FROM complaint WHERE received_at >= $1 AND received_at < $2 AND ($3::varchar IS NULL OR township_code = $3)
            AND (route_overdue_at IS NOT NULL OR accept_overdue_at IS NOT NULL OR handle_overdue_at IS NOT NULL OR review_overdue_at IS NOT NULL))::int AS overdue,
         (SELECT count(*) FROM complaint WHERE status = 'CLOSED' AND closed_at >= $1 AND closed_at < $2 AND ($3::varchar IS NULL OR township_code = $3))::int AS closed,
         (SELECT count(*) FROM complaint WHERE status = 'CLOSED' AND closed_at >= $1 AND closed_at < $2 AND ($3::varchar IS NULL OR township_code = $3)
            AND satisfaction IS NOT NULL)::int AS rated,
         (SELECT count(*) FROM complaint WHERE status = 'CLOSED' AND closed_at >= $1 AND closed_at < $2 AND ($3::varchar IS NULL OR township_code = $3)
            AND satisfaction IN ('SATISFIED','BASICALLY_SATISFIED'))::int AS satisfied,
         (SELECT count(*) FROM complaint WHERE status = 'CLOSED' AND closed_at >= $1 AND closed_at < $2 AND ($3::varchar IS NULL OR township_code = $3)
            AND route_overdue_at IS NULL AND accept_overdue_at IS NULL AND handle_overdue_at IS NULL AND review_overdue_at IS NULL)::int AS "closedInTime"`,
      [input.from, input.to, input.townshipCode ?? null],
    )) as ComplaintDashboardFigures[];
    return r;
  }

  /**
   * Dashboard breakdown at `now`: complaints past a pending statutory deadline (ROUTE, ACCEPT, HANDLE,
   * REVIEW: the `overdue` rule), counted once each per township, lead department (co-operating
   * departments are not counted, so the groups add up to the total) and level — the highest escalation
   * level the sweep has marked on a pending deadline that is past, 0 when not yet swept. One query over
   * idx_complaint_status (the pending statuses only). County-wide, or one township's.
   */
  async overdueBreakdown(input: { townshipCode?: string; now?: Date }): Promise<ComplaintOverdueRow[]> {
    return (await this.dataSource.query(
      `SELECT township_code AS "townshipCode", lead_department_code AS "departmentCode", level, count(*)::int AS count
       FROM (
         SELECT c.township_code, c.lead_department_code, COALESCE(GREATEST(
             CASE WHEN c.status IN ('RECEIVED','ACCEPTED') AND c.route_due_at <= $1 THEN COALESCE(c.route_overdue_level, 0) END,
             CASE WHEN c.status = 'RECEIVED' AND c.accept_due_at <= $1 THEN COALESCE(c.accept_overdue_level, 0) END,
             CASE WHEN c.status IN ('ACCEPTED','ASSIGNED','INVESTIGATING') AND c.handle_due_at <= $1 THEN COALESCE(c.handle_overdue_level, 0) END,
             CASE WHEN c.status = 'UNDER_REVIEW' AND c.review_due_at <= $1 THEN COALESCE(c.review_overdue_level, 0) END), 0)::int AS level
         FROM complaint c
         WHERE c.status IN ('RECEIVED','ACCEPTED','ASSIGNED','INVESTIGATING','UNDER_REVIEW') AND ($2::varchar IS NULL OR c.township_code = $2)
           AND ${OVERDUE_SQL.replace(/:now/g, () => '$1')}) o
       GROUP BY township_code, lead_department_code, level
       ORDER BY township_code, lead_department_code, level`,
      [input.now ?? this.clock.now(), input.townshipCode ?? null],
    )) as ComplaintOverdueRow[];
  }
}
