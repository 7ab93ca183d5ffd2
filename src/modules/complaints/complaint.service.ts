import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { decrypt, encrypt } from '../../platform/crypto/crypto';
import { Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { RateLimiter } from '../../platform/http/rate-limiter';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { InstitutionSummary, RegistryFacade } from '../registry';
import { PolicyFacade } from '../policy';
import { complaintScope, isAssignedOfficer, mayHandle, mayRoute } from './complaint-access';
import { ComplaintCategory, ComplaintChannel, ComplaintDeadline, ComplaintStatus, OPEN_STATUSES, ReviewDecision, Satisfaction } from './complaint.enums';
import { ComplaintNotFound, DeadlineAlreadyExtended, InstitutionNotFound, InvalidComplaintTransition, ReviewAlreadyRequested, ReviewWindowClosed, TooManyRequests, TooManyStatusLookups } from './complaints.errors';
import { calendarDeadline, extendDeadline } from './deadlines';
import { Complaint } from './entities/complaint.entity';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';
import { maskName, maskPhone } from './masking';
import { COMPLAINT_ROUTING, FALLBACK_LEAD_DUTY, Routing, TOWNSHIP_PSEUDO_DEPARTMENT, route } from './routing';
import { TRACKING_PATTERN, newTrackingNumber, normaliseTrackingNumber } from './tracking-number';

export interface ComplaintIntake {
  category: ComplaintCategory;
  description: string;
  institutionId?: string;
  institutionCreditCode?: string;
  institutionName?: string;
  address?: string;
  townshipCode?: string;
  anonymous?: boolean;
  contactName?: string;
  contactPhone?: string;
}

export interface ComplaintFilter {
  status?: ComplaintStatus;
  category?: ComplaintCategory;
  townshipCode?: string;
  departmentCode?: string;
  overdue?: boolean;
}

export interface ComplaintDashboardFigures {
  received: number;
  closed: number;
  overdue: number;
  /** Closed complaints with a satisfaction rating, and those rated 满意 or 基本满意. */
  rated: number;
  satisfied: number;
}

/** Complaints past a pending deadline, per township, lead department and escalation level. */
export interface ComplaintOverdueRow {
  townshipCode: string;
  departmentCode: string;
  level: number;
  count: number;
}

export interface ComplainantContact {
  name: string | null;
  phone: string | null;
  masked: boolean;
}

export interface PublicComplaintStatus {
  trackingNumber: string;
  category: ComplaintCategory;
  status: ComplaintStatus;
  receivedAt: Date;
  timeline: ComplaintTimelineEntry[];
}

/** Officer-entered channels (the public form is ONLINE). */
export const OFFICER_CHANNELS: readonly ComplaintChannel[] = Object.values(ComplaintChannel);

/** Roles that may register a complaint received through another channel. */
const INTAKE_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSPECTOR, Role.TOWNSHIP_OFFICER];

/** The statutory deadlines pending and past at `now` (the `overdue` flag and filter). */
export function overdueDeadlines(c: Pick<Complaint, 'status' | 'routeDueAt' | 'acceptDueAt' | 'handleDueAt' | 'reviewDueAt'>, now: Date): ComplaintDeadline[] {
  const out: ComplaintDeadline[] = [];
  if ((c.status === ComplaintStatus.RECEIVED || c.status === ComplaintStatus.ACCEPTED) && c.routeDueAt <= now) out.push('ROUTE');
  if (c.status === ComplaintStatus.RECEIVED && c.acceptDueAt <= now) out.push('ACCEPT');
  if (HANDLING.includes(c.status) && c.handleDueAt && c.handleDueAt <= now) out.push('HANDLE');
  if (c.status === ComplaintStatus.UNDER_REVIEW && c.reviewDueAt && c.reviewDueAt <= now) out.push('REVIEW');
  return out;
}

const HANDLING = [ComplaintStatus.ACCEPTED, ComplaintStatus.ASSIGNED, ComplaintStatus.INVESTIGATING];

/** SQL of the same rule, over alias `c`, with the parameter `:now`. */
const OVERDUE_SQL = `((c.status IN ('RECEIVED','ACCEPTED') AND c.route_due_at <= :now)
  OR (c.status = 'RECEIVED' AND c.accept_due_at <= :now)
  OR (c.status IN ('ACCEPTED','ASSIGNED','INVESTIGATING') AND c.handle_due_at <= :now)
  OR (c.status = 'UNDER_REVIEW' AND c.review_due_at <= :now))`;

/** Pending-deadline columns the sweep marks, per deadline. */
const SWEEP: Record<ComplaintDeadline, { due: string; marker: string; level: string; statuses: ComplaintStatus[] }> = {
  ROUTE: { due: 'route_due_at', marker: 'route_overdue_at', level: 'route_overdue_level', statuses: [ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED] },
  ACCEPT: { due: 'accept_due_at', marker: 'accept_overdue_at', level: 'accept_overdue_level', statuses: [ComplaintStatus.RECEIVED] },
  HANDLE: { due: 'handle_due_at', marker: 'handle_overdue_at', level: 'handle_overdue_level', statuses: HANDLING },
  REVIEW: { due: 'review_due_at', marker: 'review_overdue_at', level: 'review_overdue_level', statuses: [ComplaintStatus.UNDER_REVIEW] },
};

const SWEEP_BATCH = 500;

/**
 * Complaints and petitions (投诉/信访): intake (public and officers), routing by the duty table, the
 * lifecycle with statutory deadlines, privacy of the complainant's contact, and the effects on other
 * modules (events). The only writer of the complaint tables.
 */
@Injectable()
export class ComplaintService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- intake ---------------------------------------------------------------------------------

  /** The public form (no login): rate-limited per client address; answers only the tracking number. */
  async submit(actor: Principal, input: ComplaintIntake, clientAddress: string): Promise<Complaint> {
    const { submitBurst, submitWindowSeconds } = this.config.complaints;
    const limit = await this.limiter.take(`complaint-submit:${clientAddress}`, submitBurst / submitWindowSeconds, submitBurst);
    if (!limit.allowed) throw new TooManyRequests(limit.retryAfterSeconds);
    return this.intake(actor, input, ComplaintChannel.ONLINE);
  }

  /** A complaint an officer received by hotline, letter or visit, 12315, public-opinion monitoring or patrol. */
  async register(actor: Principal, input: ComplaintIntake, channel: ComplaintChannel): Promise<Complaint> {
    if (!hasRole(actor, ...INTAKE_ROLES)) throw new Forbidden('Only county, department and township officers register complaints');
    if (hasRole(actor, Role.TOWNSHIP_OFFICER) && input.townshipCode !== actor.townshipCode) {
      throw new ValidationFailed([{ path: 'townshipCode', message: `a township officer registers complaints of their own township (${actor.townshipCode})` }]);
    }
    return this.intake(actor, input, channel);
  }

  private async intake(actor: Principal, input: ComplaintIntake, channel: ComplaintChannel): Promise<Complaint> {
    const problems: { path: string; message: string }[] = [];
    const anonymous = input.anonymous ?? false;
    const hasContact = !!(input.contactName || input.contactPhone);
    if (anonymous && hasContact) problems.push({ path: 'anonymous', message: 'an anonymous complaint carries no contact; leave contactName and contactPhone out' });
    if (!anonymous && !hasContact) problems.push({ path: 'contactPhone', message: 'give a contact (name or phone) or submit anonymously' });
    if (input.institutionId && input.institutionCreditCode) problems.push({ path: 'institutionCreditCode', message: 'give the institution by id or by credit code, not both' });
    if (problems.length) throw new ValidationFailed(problems);

    let institution: InstitutionSummary | null = null;
    if (input.institutionId || input.institutionCreditCode) {
      institution = await this.registry.findInstitution({ id: input.institutionId, creditCode: input.institutionCreditCode });
      if (!institution) throw new InstitutionNotFound();
    }
    // A complaint about an institution belongs to the institution's township (that township's officers
    // handle it): a different township given with it is refused, not silently filed elsewhere.
    if (institution && input.townshipCode && input.townshipCode !== institution.townshipCode) {
      throw new ValidationFailed([
        { path: 'townshipCode', message: `the institution named is in township ${institution.townshipCode}; leave townshipCode out or give that township` },
      ]);
    }
    const townshipCode = input.townshipCode ?? institution?.townshipCode;
    if (!townshipCode) throw new ValidationFailed([{ path: 'townshipCode', message: 'is required (the township of the address)' }]);
    if ((await this.reference.townshipsByCodes([townshipCode])).length === 0) {
      throw new ValidationFailed([{ path: 'townshipCode', message: `is not a township of the county: ${townshipCode}` }]);
    }
    const routing = await this.routeCategory(input.category);
    const now = this.clock.now();
    const tz = this.config.timeZone;
    // The deadlines are computed and stored now: a later rule change does not move them.
    const periods = await this.policy.values(['complaints.route_days', 'complaints.accept_days'], now);

    return this.dataSource.transaction(async (em) => {
      let duplicateOf: string | null = null;
      if (institution) {
        // Serialise intakes about one institution and category, so two at once do not both become primaries.
        await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`complaint-dup:${institution.id}:${input.category}`]);
        const since = new Date(now.getTime() - this.config.complaints.duplicateWindowDays * 86_400_000);
        const [primary] = (await em.query(
          `SELECT id FROM complaint WHERE institution_id = $1 AND category = $2 AND duplicate_of IS NULL AND institution_id IS NOT NULL
             AND status = ANY($3) AND received_at >= $4 ORDER BY received_at, id LIMIT 1`,
          [institution.id, input.category, OPEN_STATUSES, since],
        )) as { id: string }[];
        duplicateOf = primary?.id ?? null;
      }
      const key = this.config.security.encryptionKey;
      const complaint = em.create(Complaint, {
        trackingNumber: await this.freshTrackingNumber(em),
        channel,
        category: input.category,
        status: ComplaintStatus.RECEIVED,
        description: input.description,
        institutionId: institution?.id ?? null,
        institutionName: institution?.name ?? input.institutionName ?? null,
        address: input.address ?? null,
        townshipCode,
        leadDepartmentCode: routing.leadDepartmentCode,
        coDepartmentCodes: routing.coDepartmentCodes,
        anonymous,
        contactNameEnc: input.contactName ? encrypt(key, input.contactName) : null,
        contactPhoneEnc: input.contactPhone ? encrypt(key, input.contactPhone) : null,
        duplicateOf,
        receivedAt: now,
        routeDueAt: calendarDeadline(now, periods['complaints.route_days'], tz).dueAt,
        acceptDueAt: calendarDeadline(now, periods['complaints.accept_days'], tz).dueAt,
        handleDueAt: null,
        reopenCount: 0,
        createdAt: now,
        updatedAt: now,
      });
      await em.save(complaint);
      await this.addTimeline(em, complaint, null);
      await this.audit.record(em, {
        actor,
        action: 'complaints.complaint.received',
        entityType: 'complaint',
        entityId: complaint.id,
        summary: { channel, category: complaint.category, townshipCode, ...routing, institutionId: complaint.institutionId, duplicateOf, anonymous },
      });
      if (complaint.category === ComplaintCategory.UNLICENSED_TRAINING) {
        await this.events.publish(em, 'complaints.unlicensed_training.reported', {
          complaintId: complaint.id,
          trackingNumber: complaint.trackingNumber,
          townshipCode,
          address: complaint.address,
          description: complaint.description,
          institutionName: complaint.institutionName,
        });
      }
      return complaint;
    });
  }

  /** Lead and co-operating departments of a category, read from the reference duty table. */
  async routeCategory(category: ComplaintCategory): Promise<Routing> {
    const rule = COMPLAINT_ROUTING[category];
    const [lead, fallback, ...co] = await Promise.all([
      this.reference.departmentsWithDuty(rule.leadDuty),
      this.reference.departmentsWithDuty(FALLBACK_LEAD_DUTY),
      ...rule.coDuties.map((d) => this.reference.departmentsWithDuty(d)),
    ]);
    return route(lead, fallback, co);
  }

  private async freshTrackingNumber(em: EntityManager): Promise<string> {
    for (;;) {
      const candidate = newTrackingNumber();
      const taken = await em.query(`SELECT 1 FROM complaint WHERE tracking_number = $1`, [candidate]);
      if (taken.length === 0) return candidate;
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  private scoped(qb: SelectQueryBuilder<Complaint>, actor: Principal): SelectQueryBuilder<Complaint> {
    const scope = complaintScope(actor);
    if (scope.kind === 'none') qb.andWhere('1 = 0');
    else if (scope.kind === 'where') qb.andWhere(scope.sql, scope.params);
    return qb;
  }

  async get(actor: Principal, id: string): Promise<Complaint> {
    const found = await this.scoped(this.dataSource.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id }), actor).getOne();
    if (!found) throw new ComplaintNotFound();
    return found;
  }

  list(actor: Principal, filter: ComplaintFilter, page: PageArgs): Promise<Connection<Complaint>> {
    const qb = this.scoped(this.dataSource.getRepository(Complaint).createQueryBuilder('c'), actor);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter.townshipCode) qb.andWhere('c.township_code = :township', { township: filter.townshipCode });
    if (filter.departmentCode) qb.andWhere('(c.lead_department_code = :dept OR :dept = ANY(c.co_department_codes))', { dept: filter.departmentCode });
    if (filter.overdue !== undefined) qb.andWhere(filter.overdue ? OVERDUE_SQL : `NOT COALESCE(${OVERDUE_SQL}, false)`, { now: this.clock.now() });
    return paginate(qb, page, { list: 'complaints.complaints', valueType: 'timestamp', column: 'c.received_at', value: (c) => c.receivedAt, tieBreaker: 'c.id', tieValue: (c) => c.id, direction: 'DESC' });
  }

  /**
   * The public timeline by tracking number: status, dates and public replies only. Throttled per client
   * address like the form (a bucket of COMPLAINT_STATUS_BURST over COMPLAINT_STATUS_WINDOW_SECONDS), so
   * tracking numbers cannot be enumerated; every look-up counts, found or not.
   */
  async publicStatus(trackingNumber: string, clientAddress: string): Promise<PublicComplaintStatus> {
    const { statusBurst, statusWindowSeconds } = this.config.complaints;
    const limit = await this.limiter.take(`complaint-status:${clientAddress}`, statusBurst / statusWindowSeconds, statusBurst);
    if (!limit.allowed) throw new TooManyStatusLookups(limit.retryAfterSeconds);
    return this.statusOf(trackingNumber);
  }

  private async statusOf(trackingNumber: string): Promise<PublicComplaintStatus> {
    const number = normaliseTrackingNumber(trackingNumber);
    if (!TRACKING_PATTERN.test(number)) throw new ComplaintNotFound();
    const c = await this.dataSource.getRepository(Complaint).findOne({
      where: { trackingNumber: number },
      select: { id: true, trackingNumber: true, category: true, status: true, receivedAt: true },
    });
    if (!c) throw new ComplaintNotFound();
    const timeline = await this.dataSource.getRepository(ComplaintTimelineEntry).find({ where: { complaintId: c.id }, order: { id: 'ASC' } });
    return { trackingNumber: c.trackingNumber, category: c.category, status: c.status, receivedAt: c.receivedAt, timeline };
  }

  async timelines(ids: readonly string[]): Promise<ComplaintTimelineEntry[]> {
    return this.dataSource.getRepository(ComplaintTimelineEntry).find({ where: { complaintId: In([...ids]) }, order: { id: 'ASC' } });
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
   * The complainant's contact: in clear for officers of the assigned departments (each view audited as
   * `complaints.contact.viewed`), masked for everyone else; null for an anonymous complaint.
   */
  async contact(actor: Principal, c: Complaint): Promise<ComplainantContact | null> {
    if (c.anonymous) return null;
    const key = this.config.security.encryptionKey;
    const name = c.contactNameEnc ? decrypt(key, c.contactNameEnc) : null;
    const phone = c.contactPhoneEnc ? decrypt(key, c.contactPhoneEnc) : null;
    if (!isAssignedOfficer(actor, c)) return { name: name && maskName(name), phone: phone && maskPhone(phone), masked: true };
    await this.dataSource.transaction((em) =>
      this.audit.record(em, { actor, action: 'complaints.contact.viewed', entityType: 'complaint', entityId: c.id, summary: { trackingNumber: c.trackingNumber } }),
    );
    return { name, phone, masked: false };
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  accept(actor: Principal, id: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'accept', [ComplaintStatus.RECEIVED], 'route', async (c, _em, now) => {
      c.status = ComplaintStatus.ACCEPTED;
      c.acceptedAt = now;
      c.handleDueAt = calendarDeadline(now, await this.policy.value('complaints.handle_days', now), this.config.timeZone).dueAt;
      return { publicReply, summary: { handleDueAt: c.handleDueAt.toISOString() } };
    });
  }

  notAccept(actor: Principal, id: string, reason: string, publicReply: string): Promise<Complaint> {
    return this.change(actor, id, 'refuse', [ComplaintStatus.RECEIVED], 'route', async (c) => {
      c.status = ComplaintStatus.NOT_ACCEPTED;
      c.notAcceptedReason = reason;
      return { publicReply, summary: { reason } };
    });
  }

  assign(actor: Principal, id: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'assign', [ComplaintStatus.ACCEPTED], 'route', async (c, em, now) => {
      c.status = ComplaintStatus.ASSIGNED;
      c.assignedAt = now;
      await this.notifyAssigned(em, c, 'complaints.complaint.assigned', '投诉已交办', `投诉 ${c.trackingNumber}（${COMPLAINT_ROUTING[c.category].label}）已交办，牵头单位 ${c.leadDepartmentCode}。`);
      return { publicReply, summary: { leadDepartmentCode: c.leadDepartmentCode, coDepartmentCodes: c.coDepartmentCodes } };
    });
  }

  async reassign(actor: Principal, id: string, leadDepartmentCode: string, coDepartmentCodes: string[], reason: string): Promise<Complaint> {
    const co = [...new Set(coDepartmentCodes)].filter((d) => d !== leadDepartmentCode);
    const known = new Set((await this.reference.listDepartments()).map((d) => d.code));
    const unknown = [leadDepartmentCode, ...co].filter((d) => !known.has(d) || d === TOWNSHIP_PSEUDO_DEPARTMENT);
    if (unknown.length) throw new ValidationFailed([{ path: 'leadDepartmentCode', message: `not a department that can handle complaints: ${unknown.join(', ')}` }]);
    const movable = [ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED, ComplaintStatus.ASSIGNED, ComplaintStatus.INVESTIGATING];
    return this.change(actor, id, 'reassign', movable, 'route', async (c, em) => {
      const before = { leadDepartmentCode: c.leadDepartmentCode, coDepartmentCodes: c.coDepartmentCodes };
      c.leadDepartmentCode = leadDepartmentCode;
      c.coDepartmentCodes = co;
      if (c.status === ComplaintStatus.ASSIGNED || c.status === ComplaintStatus.INVESTIGATING) {
        await this.notifyAssigned(em, c, 'complaints.complaint.reassigned', '投诉已改派', `投诉 ${c.trackingNumber} 已改派，牵头单位 ${leadDepartmentCode}。理由：${reason}`);
      }
      return { timeline: false, action: 'complaints.complaint.reassigned', summary: { before, after: { leadDepartmentCode, coDepartmentCodes: co }, reason } };
    });
  }

  startInvestigation(actor: Principal, id: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'investigate', [ComplaintStatus.ASSIGNED], 'handle', async (c) => {
      c.status = ComplaintStatus.INVESTIGATING;
      return { publicReply };
    });
  }

  reply(actor: Principal, id: string, publicReply: string, findings?: string): Promise<Complaint> {
    return this.change(actor, id, 'reply to', [ComplaintStatus.INVESTIGATING], 'handle', async (c, _em, now) => {
      c.status = ComplaintStatus.REPLIED;
      c.repliedAt = now;
      if (findings !== undefined) c.findings = findings;
      return { publicReply, summary: { findings: findings ?? null } };
    });
  }

  async extend(actor: Principal, id: string, days: number, reason: string): Promise<Complaint> {
    const maxExtensionDays = await this.policy.value('complaints.max_extension_days');
    if (!Number.isInteger(days) || days < 1 || days > maxExtensionDays) throw new ValidationFailed([{ path: 'days', message: `must be 1–${maxExtensionDays}` }]);
    return this.change(actor, id, 'extend', HANDLING, 'handle', async (c, _em, now) => {
      if (c.extensionDays !== null) throw new DeadlineAlreadyExtended();
      const before = c.handleDueAt!;
      c.handleDueAt = extendDeadline(before, days, this.config.timeZone);
      c.extensionDays = days;
      c.extensionReason = reason;
      if (c.handleDueAt > now) {
        // A new deadline, watched again from the bottom of the ladder.
        c.handleOverdueAt = null;
        c.handleOverdueLevel = null;
      }
      return { timeline: false, action: 'complaints.complaint.deadline_extended', summary: { days, reason, from: before.toISOString(), to: c.handleDueAt.toISOString() } };
    });
  }

  close(actor: Principal, id: string, cmd: { substantiated: boolean; summary: string; satisfaction?: Satisfaction; publicReply?: string }): Promise<Complaint> {
    return this.change(actor, id, 'close', [ComplaintStatus.REPLIED], 'handle', async (c, em, now) => {
      c.status = ComplaintStatus.CLOSED;
      c.closedAt = now;
      c.substantiated = cmd.substantiated;
      c.closingSummary = cmd.summary;
      c.satisfaction = cmd.satisfaction ?? null;
      if (cmd.substantiated && c.institutionId && !c.substantiatedAt) {
        c.substantiatedAt = now;
        await this.events.publish(em, 'complaints.complaint.substantiated', {
          complaintId: c.id,
          institutionId: c.institutionId,
          category: c.category,
          closedAt: now.toISOString(),
          summary: cmd.summary,
        });
      }
      return { publicReply: cmd.publicReply, summary: { substantiated: cmd.substantiated, satisfaction: c.satisfaction, summary: cmd.summary } };
    });
  }

  reopen(actor: Principal, id: string, reason: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'reopen', [ComplaintStatus.CLOSED], 'handle', async (c, _em, now) => {
      c.status = ComplaintStatus.INVESTIGATING;
      c.reopenCount += 1;
      c.closedAt = null;
      c.handleDueAt = calendarDeadline(now, await this.policy.value('complaints.handle_days', now), this.config.timeZone).dueAt;
      c.handleOverdueAt = null;
      c.handleOverdueLevel = null;
      return { publicReply, action: 'complaints.complaint.reopened', summary: { reason, previousSatisfaction: c.satisfaction, handleDueAt: c.handleDueAt.toISOString() } };
    });
  }

  // ---- review (复查, 《信访工作条例》 Art. 35) ----------------------------------------------------------

  /**
   * The complainant asks for a review of the written reply, by tracking number (no login, like the
   * status query; rate-limited per client address like the public form). Once per complaint, within
   * complaints.review_request_days of the reply (the rule in force at the reply); the county office then decides within complaints.review_decision_days.
   */
  async requestReview(actor: Principal, trackingNumber: string, reason: string, clientAddress: string): Promise<PublicComplaintStatus> {
    const { submitBurst, submitWindowSeconds } = this.config.complaints;
    const limit = await this.limiter.take(`complaint-review:${clientAddress}`, submitBurst / submitWindowSeconds, submitBurst);
    if (!limit.allowed) throw new TooManyRequests(limit.retryAfterSeconds);
    const number = normaliseTrackingNumber(trackingNumber);
    if (!TRACKING_PATTERN.test(number)) throw new ComplaintNotFound();
    await this.dataSource.transaction(async (em) => {
      const c = await em.getRepository(Complaint).findOne({ where: { trackingNumber: number }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new ComplaintNotFound();
      const now = this.clock.now();
      const from = c.status;
      await this.openReview(c, reason, now);
      c.updatedAt = now;
      await em.save(c);
      await this.addTimeline(em, c, null);
      await this.reviewRequested(em, c);
      await this.audit.record(em, { actor, action: 'complaints.review.requested', entityType: 'complaint', entityId: c.id, summary: { from, to: c.status, reason, channel: 'ONLINE' } });
    });
    return this.statusOf(number);
  }

  /** An officer registers a review request received by letter or visit (信访局) on the complainant's behalf. */
  registerReview(actor: Principal, id: string, reason: string): Promise<Complaint> {
    // Every status passes the gate: openReview answers "already requested" before "not replied yet".
    return this.change(actor, id, 'request a review of', Object.values(ComplaintStatus), 'route', async (c, em, now) => {
      await this.openReview(c, reason, now);
      await this.reviewRequested(em, c);
      return { action: 'complaints.review.requested', summary: { reason, channel: 'OFFICER' } };
    });
  }

  /**
   * The county office decides the review: UPHELD keeps the reply — a closed complaint is closed again with
   * its return visit, one reviewed before closing goes back to REPLIED to be closed; OVERTURNED sends it
   * back to the assigned departments with a new handling period. The opinion is told to the complainant
   * on the public timeline.
   */
  decideReview(actor: Principal, id: string, decision: ReviewDecision, opinion: string): Promise<Complaint> {
    return this.change(actor, id, 'decide the review of', [ComplaintStatus.UNDER_REVIEW], 'review', async (c, em, now) => {
      c.reviewDecision = decision;
      c.reviewOpinion = opinion;
      c.reviewedAt = now;
      if (decision === ReviewDecision.UPHELD) {
        // The reply stands: back where the review found it — CLOSED, or REPLIED awaiting its closing and
        // return visit (closing decides substantiation, which the credit module records).
        c.status = c.closedAt ? ComplaintStatus.CLOSED : ComplaintStatus.REPLIED;
      } else {
        c.status = ComplaintStatus.INVESTIGATING;
        c.closedAt = null;
        c.handleDueAt = calendarDeadline(now, await this.policy.value('complaints.handle_days', now), this.config.timeZone).dueAt;
        c.handleOverdueAt = null;
        c.handleOverdueLevel = null;
        await this.notifyAssigned(em, c, 'complaints.review.overturned', '投诉复查：责成重新办理', `投诉 ${c.trackingNumber} 复查意见：${opinion}`);
      }
      return { publicReply: opinion, action: `complaints.review.${decision.toLowerCase()}`, summary: { decision, opinion } };
    });
  }

  private async openReview(c: Complaint, reason: string, now: Date): Promise<void> {
    if (c.reviewRequestedAt) throw new ReviewAlreadyRequested();
    if (c.status !== ComplaintStatus.REPLIED && c.status !== ComplaintStatus.CLOSED) throw new InvalidComplaintTransition('request a review of', c.status);
    // The review window runs from the reply under the rule in force at the reply: a later change does not reach back.
    const window = calendarDeadline(c.repliedAt!, await this.policy.value('complaints.review_request_days', c.repliedAt!), this.config.timeZone);
    if (now >= window.dueAt) throw new ReviewWindowClosed(window.dueDate);
    c.status = ComplaintStatus.UNDER_REVIEW;
    c.reviewRequestedAt = now;
    c.reviewReason = reason;
    c.reviewDueAt = calendarDeadline(now, await this.policy.value('complaints.review_decision_days', now), this.config.timeZone).dueAt;
  }

  private async reviewRequested(em: EntityManager, c: Complaint): Promise<void> {
    await this.notifications.notify(
      em,
      { roles: [Role.COUNTY_ADMIN], departmentCodes: [c.leadDepartmentCode] },
      { kind: 'complaints.review.requested', title: '投诉复查申请', body: `投诉 ${c.trackingNumber} 申请复查，须在 ${c.reviewDueAt!.toISOString()} 前作出复查意见。`, entityType: 'complaint', entityId: c.id },
    );
  }

  requestInvestigationTask(actor: Principal, id: string, note?: string): Promise<Complaint> {
    return this.change(actor, id, 'request an investigation task for', HANDLING, 'handle', async (c, em) => {
      await this.events.publish(em, 'complaints.investigation.requested', {
        complaintId: c.id,
        ...(c.institutionId ? { institutionId: c.institutionId } : {}),
        townshipCode: c.townshipCode,
        leadDepartmentCode: c.leadDepartmentCode,
        category: c.category,
      });
      return { timeline: false, action: 'complaints.investigation.requested', summary: { note: note ?? null } };
    });
  }

  /**
   * One audited change: loads the complaint in the actor's scope (locked), checks the right to route or
   * handle it and its status, applies the change, writes the public timeline entry and the audit row.
   */
  private async change(
    actor: Principal,
    id: string,
    command: string,
    from: readonly ComplaintStatus[],
    right: 'route' | 'handle' | 'review',
    apply: (c: Complaint, em: EntityManager, now: Date) => Promise<{ publicReply?: string; timeline?: boolean; action?: string; summary?: Record<string, unknown> }>,
  ): Promise<Complaint> {
    return this.dataSource.transaction(async (em) => {
      const qb = em.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id }).setLock('pessimistic_write');
      const c = await this.scoped(qb, actor).getOne();
      if (!c) throw new ComplaintNotFound();
      if (hasRole(actor, Role.DISCIPLINE_SUPERVISOR)) throw new Forbidden('Discipline supervisors read complaints; they do not change them');
      if (right === 'review' && !hasRole(actor, Role.COUNTY_ADMIN)) {
        throw new Forbidden('A review (复查) is decided by the county office, the handling departments’ superior');
      }
      if (right !== 'review' && !(right === 'route' ? mayRoute(actor, c) : mayHandle(actor, c))) {
        throw new Forbidden(right === 'route' ? 'Only EDU, PETITIONS, the lead department or the county office route this complaint' : 'Only the assigned departments and the township handle this complaint');
      }
      if (!from.includes(c.status)) throw new InvalidComplaintTransition(command, c.status);
      const now = this.clock.now();
      const fromStatus = c.status;
      const result = await apply(c, em, now);
      c.updatedAt = now;
      await em.save(c);
      if (result.timeline !== false) await this.addTimeline(em, c, result.publicReply ?? null);
      await this.audit.record(em, {
        actor,
        action: result.action ?? `complaints.complaint.${c.status.toLowerCase()}`,
        entityType: 'complaint',
        entityId: c.id,
        summary: { from: fromStatus, to: c.status, ...result.summary },
      });
      return c;
    });
  }

  private async addTimeline(em: EntityManager, c: Complaint, publicReply: string | null): Promise<void> {
    await em.insert(ComplaintTimelineEntry, { complaintId: c.id, status: c.status, publicReply, occurredAt: this.clock.now() });
  }

  private async notifyAssigned(em: EntityManager, c: Complaint, kind: string, title: string, body: string): Promise<void> {
    await this.notifications.notify(
      em,
      { departmentCodes: [c.leadDepartmentCode, ...c.coDepartmentCodes], townshipCodes: [c.townshipCode] },
      { kind, title, body, entityType: 'complaint', entityId: c.id },
    );
  }

  // ---- deadlines ------------------------------------------------------------------------------

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
            AND satisfaction IN ('SATISFIED','BASICALLY_SATISFIED'))::int AS satisfied`,
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

  /**
   * Marks complaints past a pending deadline overdue and raises them up the escalation ladder as the
   * lateness grows, like tasks (level 1 once overdue, 2 after supervision.level2_days, 3 after
   * supervision.level3_days). Each rise emits `complaints.complaint.overdue` with the level reached and the
   * previous one, in the same transaction: a second run finds the level and emits nothing, and concurrent
   * sweeps skip each other's locked rows. The lead department and the township get an inbox notice when a
   * deadline is first missed; the supervision ladder notifies each higher level. Returns how many
   * deadlines rose.
   */
  async sweepOverdue(now: Date): Promise<number> {
    const actor = systemPrincipal('complaints.overdue-sweep');
    const { 'supervision.level2_days': level2Days, 'supervision.level3_days': level3Days } = await this.policy.values(['supervision.level2_days', 'supervision.level3_days'], now);
    let total = 0;
    for (const deadline of Object.keys(SWEEP) as ComplaintDeadline[]) {
      const { due, marker, level, statuses } = SWEEP[deadline];
      // Overdue by more than N days ⇔ due before now − N×24 h (the ladder's rule, supervision/ladder.ts).
      const reached = `CASE WHEN ${due} < $1::timestamptz - make_interval(hours => 24 * $4::int) THEN 3
                            WHEN ${due} < $1::timestamptz - make_interval(hours => 24 * $3::int) THEN 2 ELSE 1 END`;
      for (;;) {
        const raised = await this.dataSource.transaction(async (em) => {
          const [rows] = (await em.query(
            `WITH due AS (
               SELECT id, ${level} AS previous, ${reached} AS reached FROM complaint
               WHERE status = ANY($2) AND ${due} <= $1 AND COALESCE(${level}, 0) < 3 AND COALESCE(${level}, 0) < ${reached}
               ORDER BY ${due} LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
             UPDATE complaint c SET ${marker} = COALESCE(c.${marker}, $1), ${level} = due.reached, updated_at = $1
             FROM due WHERE c.id = due.id
             RETURNING c.id, c.tracking_number, c.${due} AS due_at, c.lead_department_code, c.township_code, due.previous, due.reached`,
            [now, statuses, level2Days, level3Days],
          )) as [{ id: string; tracking_number: string; due_at: Date; lead_department_code: string; township_code: string; previous: number | null; reached: number }[], number];
          for (const r of rows) {
            const dueAt = new Date(r.due_at).toISOString();
            const previousLevel = r.previous ?? 0;
            await this.events.publish(em, 'complaints.complaint.overdue', {
              complaintId: r.id,
              trackingNumber: r.tracking_number,
              deadline,
              dueAt,
              leadDepartmentCode: r.lead_department_code,
              townshipCode: r.township_code,
              level: r.reached,
              previousLevel,
            });
            if (previousLevel === 0) {
              await this.notifications.notify(
                em,
                { departmentCodes: [r.lead_department_code], townshipCodes: [r.township_code] },
                { kind: 'complaints.complaint.overdue', title: '投诉办理超期', body: `投诉 ${r.tracking_number} 已超过${DEADLINE_LABEL[deadline]}期限（${dueAt}）。`, entityType: 'complaint', entityId: r.id },
              );
            }
            await this.audit.record(em, { actor, action: 'complaints.complaint.overdue', entityType: 'complaint', entityId: r.id, summary: { deadline, dueAt, level: r.reached, previousLevel } });
          }
          return rows.length;
        });
        total += raised;
        if (raised < SWEEP_BATCH) break;
      }
    }
    return total;
  }
}

const DEADLINE_LABEL: Record<ComplaintDeadline, string> = { ROUTE: '登记转送', ACCEPT: '受理告知', HANDLE: '办理', REVIEW: '复查' };
