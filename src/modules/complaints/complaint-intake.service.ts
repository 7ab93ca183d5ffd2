import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { encrypt } from '../../platform/crypto/crypto';
import { Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { RateLimiter } from '../../platform/http/rate-limiter';
import { ReferenceFacade } from '../reference';
import { InstitutionSummary, RegistryFacade } from '../registry';
import { PolicyFacade } from '../policy';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, OPEN_STATUSES } from './complaint.enums';
import { institutionNotFound, tooManySubmissions } from './complaints.errors';
import { calendarDeadline } from './deadlines';
import { Complaint } from './entities/complaint.entity';
import { COMPLAINT_ROUTING, FALLBACK_LEAD_DUTY, Routing, route } from './routing';
import { newTrackingNumber } from './tracking-number';
import { ComplaintLifecycleService } from './complaint-lifecycle.service';
import { ComplaintIntake } from './complaints.types';
import { text } from '../../platform/i18n/text';

/** Roles that may register a complaint received through another channel. */
const INTAKE_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSPECTOR, Role.TOWNSHIP_OFFICER];

/** Intake of complaints and petitions (投诉/信访): the public form and officer registration, routing by the duty table. */
interface PreparedIntake {
  institution: InstitutionSummary | null;
  townshipCode: string;
  routing: Routing;
  now: Date;
  tz: string;
  periods: Record<'complaints.route_days' | 'complaints.accept_days', number>;
  anonymous: boolean;
}

@Injectable()
export class ComplaintIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ComplaintLifecycleService,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
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
    const limit = await this.limiter.take(
      `complaint-submit:${clientAddress}`,
      submitBurst / submitWindowSeconds,
      submitBurst,
    );
    if (!limit.allowed) throw tooManySubmissions(limit.retryAfterSeconds);
    return this.intake(actor, input, ComplaintChannel.ONLINE);
  }

  /** A complaint an officer received by hotline, letter or visit, 12315, public-opinion monitoring or patrol. */
  async register(actor: Principal, input: ComplaintIntake, channel: ComplaintChannel): Promise<Complaint> {
    if (!hasRole(actor, ...INTAKE_ROLES))
      throw new Forbidden(
        text(
          'Only county, department and township officers register complaints',
          '只有县级、部门和乡镇工作人员可以登记投诉',
        ),
      );
    if (hasRole(actor, Role.TOWNSHIP_OFFICER) && input.townshipCode !== actor.townshipCode) {
      throw new ValidationFailed([
        {
          path: 'townshipCode',
          message: text(
            `a township officer registers complaints of their own township (${actor.townshipCode})`,
            `乡镇工作人员只能登记本乡镇（${actor.townshipCode}）的投诉`,
          ),
        },
      ]);
    }
    return this.intake(actor, input, channel);
  }

  private async intake(actor: Principal, input: ComplaintIntake, channel: ComplaintChannel): Promise<Complaint> {
    const prepared = await this.prepare(input);
    return this.dataSource.transaction((em) => this.intakeIn(em, actor, input, channel, prepared));
  }

  /**
   * A complaint opened inside another module's transaction (a parent's objection to a lesson record in
   * prepaid): the same checks, routing, deadlines, duplicates, timeline and audit as any intake.
   */
  async openIn(
    em: EntityManager,
    actor: Principal,
    input: ComplaintIntake,
    channel: ComplaintChannel,
  ): Promise<Complaint> {
    const prepared = await this.prepare(input);
    return this.intakeIn(em, actor, input, channel, prepared);
  }

  /** Validation, the institution, township, routing and rule values: everything read before the transaction. */
  private async prepare(input: ComplaintIntake): Promise<PreparedIntake> {
    const problems = new Problems();
    const anonymous = input.anonymous ?? false;
    const hasContact = !!(input.contactName || input.contactPhone);
    if (anonymous && hasContact)
      problems.add(
        'anonymous',
        text(
          'an anonymous complaint carries no contact; leave contactName and contactPhone out',
          '匿名投诉不留联系方式，请不要填写 contactName 和 contactPhone',
        ),
      );
    if (!anonymous && !hasContact)
      problems.add(
        'contactPhone',
        text('give a contact (name or phone) or submit anonymously', '请填写联系人（姓名或电话），或选择匿名投诉'),
      );
    if (input.institutionId && input.institutionCreditCode)
      problems.add(
        'institutionCreditCode',
        text(
          'give the institution by id or by credit code, not both',
          '请用机构 id 或统一社会信用代码之一指明机构，不要同时填写',
        ),
      );
    problems.throwIfAny();

    let institution: InstitutionSummary | null = null;
    if (input.institutionId || input.institutionCreditCode) {
      institution = await this.registry.findInstitution({
        id: input.institutionId,
        creditCode: input.institutionCreditCode,
      });
      if (!institution) throw institutionNotFound(input.institutionId ?? input.institutionCreditCode ?? '');
    }
    // A complaint about an institution belongs to the institution's township (that township's officers
    // handle it): a different township given with it is refused, not silently filed elsewhere.
    if (institution && input.townshipCode && input.townshipCode !== institution.townshipCode) {
      throw new ValidationFailed([
        {
          path: 'townshipCode',
          message: text(
            `the institution named is in township ${institution.townshipCode}; leave townshipCode out or give that township`,
            `所指机构位于乡镇 ${institution.townshipCode}；请不填 townshipCode 或填写该乡镇`,
          ),
        },
      ]);
    }
    const townshipCode = input.townshipCode ?? institution?.townshipCode;
    if (!townshipCode)
      throw new ValidationFailed([
        {
          path: 'townshipCode',
          message: text('is required (the township of the address)', '必须填写（地址所在乡镇）'),
        },
      ]);
    if ((await this.reference.townshipsByCodes([townshipCode])).length === 0) {
      throw new ValidationFailed([
        {
          path: 'townshipCode',
          message: text(`is not a township of the county: ${townshipCode}`, `不是本县的乡镇：${townshipCode}`),
        },
      ]);
    }
    const routing = await this.routeCategory(input.category);
    const now = this.clock.now();
    const tz = this.config.timeZone;
    // The deadlines are computed and stored now: a later rule change does not move them.
    const periods = await this.policy.values(['complaints.route_days', 'complaints.accept_days'], now);
    return { institution, townshipCode, routing, now, tz, periods, anonymous };
  }

  private async intakeIn(
    em: EntityManager,
    actor: Principal,
    input: ComplaintIntake,
    channel: ComplaintChannel,
    { institution, townshipCode, routing, now, tz, periods, anonymous }: PreparedIntake,
  ): Promise<Complaint> {
    let duplicateOf: string | null = null;
    if (institution) {
      // Serialise intakes about one institution and category, so two at once do not both become primaries.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `complaint-dup:${institution.id}:${input.category}`,
      ]);
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
    await this.lifecycle.addTimeline(em, complaint, null);
    await this.audit.record(em, {
      actor,
      action: 'complaints.complaint.received',
      entityType: 'complaint',
      entityId: complaint.id,
      summary: {
        channel,
        category: complaint.category,
        townshipCode,
        ...routing,
        institutionId: complaint.institutionId,
        duplicateOf,
        anonymous,
      },
    });
    await this.events.publish(em, 'complaints.complaint.received', {
      complaintId: complaint.id,
      trackingNumber: complaint.trackingNumber,
      category: complaint.category,
      leadDepartmentCode: complaint.leadDepartmentCode,
      townshipCode,
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
}
