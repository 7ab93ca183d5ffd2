import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { RateLimiter } from '../../platform/http/rate-limiter';
import { NotificationsFacade } from '../notifications';
import { PolicyFacade } from '../policy';
import { ComplaintStatus, ReviewDecision } from './complaint.enums';
import {
  complaintNotFound,
  invalidComplaintTransition,
  reviewAlreadyRequested,
  reviewWindowClosed,
  tooManySubmissions,
} from './complaints.errors';
import { calendarDeadline } from './deadlines';
import { Complaint } from './entities/complaint.entity';
import { TRACKING_PATTERN, normaliseTrackingNumber } from './tracking-number';
import { ComplaintLifecycleService } from './complaint-lifecycle.service';
import { ComplaintReadService } from './complaint-read.service';
import { PublicComplaintStatus } from './complaints.types';
import { COMPLAINT_COMMAND_FROM, complaintCommandAllowed } from './complaint-transitions';

/** The review of a reply (复查, 《信访工作条例》 Art. 35): requested by the complainant or registered by an officer, decided by the county office. */
@Injectable()
export class ComplaintReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ComplaintLifecycleService,
    private readonly read: ComplaintReadService,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- review (复查, 《信访工作条例》 Art. 35) ----------------------------------------------------------

  /**
   * The complainant asks for a review of the written reply, by tracking number (no login, like the
   * status query; rate-limited per client address like the public form). Once per complaint, within
   * complaints.review_request_days of the reply (the rule in force at the reply); the county office then decides within complaints.review_decision_days.
   */
  async requestReview(
    actor: Principal,
    trackingNumber: string,
    reason: string,
    clientAddress: string,
  ): Promise<PublicComplaintStatus> {
    const { submitBurst, submitWindowSeconds } = this.config.complaints;
    const limit = await this.limiter.take(
      `complaint-review:${clientAddress}`,
      submitBurst / submitWindowSeconds,
      submitBurst,
    );
    if (!limit.allowed) throw tooManySubmissions(limit.retryAfterSeconds);
    const number = normaliseTrackingNumber(trackingNumber);
    if (!TRACKING_PATTERN.test(number)) throw complaintNotFound();
    await this.dataSource.transaction(async (em) => {
      const c = await em
        .getRepository(Complaint)
        .findOne({ where: { trackingNumber: number }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw complaintNotFound();
      const now = this.clock.now();
      const from = c.status;
      await this.openReview(c, reason, now);
      c.updatedAt = now;
      await em.save(c);
      await this.lifecycle.addTimeline(em, c, null);
      await this.reviewRequested(em, c);
      await this.audit.record(em, {
        actor,
        action: 'complaints.review.requested',
        entityType: 'complaint',
        entityId: c.id,
        summary: { from, to: c.status, reason, channel: 'ONLINE' },
      });
    });
    return this.read.statusOf(number);
  }

  /** An officer registers a review request received by letter or visit (信访局) on the complainant's behalf. */
  registerReview(actor: Principal, id: string, reason: string): Promise<Complaint> {
    // Every status passes the gate: openReview answers "already requested" before "not replied yet".
    return this.lifecycle.change(
      actor,
      id,
      'request a review of',
      Object.values(ComplaintStatus),
      'route',
      async (c, em, now) => {
        await this.openReview(c, reason, now);
        await this.reviewRequested(em, c);
        return { action: 'complaints.review.requested', summary: { reason, channel: 'OFFICER' } };
      },
    );
  }

  /**
   * The county office decides the review: UPHELD keeps the reply — a closed complaint is closed again with
   * its return visit, one reviewed before closing goes back to REPLIED to be closed; OVERTURNED sends it
   * back to the assigned departments with a new handling period. The opinion is told to the complainant
   * on the public timeline.
   */
  decideReview(actor: Principal, id: string, decision: ReviewDecision, opinion: string): Promise<Complaint> {
    return this.lifecycle.change(
      actor,
      id,
      'decide the review of',
      COMPLAINT_COMMAND_FROM['decide the review of'],
      'review',
      async (c, em, now) => {
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
          c.handleDueAt = calendarDeadline(
            now,
            await this.policy.value('complaints.handle_days', now),
            this.config.timeZone,
          ).dueAt;
          c.handleOverdueAt = null;
          c.handleOverdueLevel = null;
          await this.lifecycle.notifyAssigned(
            em,
            c,
            'complaints.review.overturned',
            '投诉复查：责成重新办理',
            `投诉 ${c.trackingNumber} 复查意见：${opinion}`,
          );
        }
        return {
          publicReply: opinion,
          action: `complaints.review.${decision.toLowerCase()}`,
          summary: { decision, opinion },
        };
      },
    );
  }

  private async openReview(c: Complaint, reason: string, now: Date): Promise<void> {
    if (c.reviewRequestedAt) throw reviewAlreadyRequested();
    if (!complaintCommandAllowed('request a review of', c.status))
      throw invalidComplaintTransition('request a review of', c.status);
    // The review window runs from the reply under the rule in force at the reply: a later change does not reach back.
    const window = calendarDeadline(
      c.repliedAt!,
      await this.policy.value('complaints.review_request_days', c.repliedAt!),
      this.config.timeZone,
    );
    if (now >= window.dueAt) throw reviewWindowClosed(window.dueDate);
    c.status = ComplaintStatus.UNDER_REVIEW;
    c.reviewRequestedAt = now;
    c.reviewReason = reason;
    c.reviewDueAt = calendarDeadline(
      now,
      await this.policy.value('complaints.review_decision_days', now),
      this.config.timeZone,
    ).dueAt;
  }

  private async reviewRequested(em: EntityManager, c: Complaint): Promise<void> {
    await this.notifications.notify(
      em,
      { roles: [Role.COUNTY_ADMIN], departmentCodes: [c.leadDepartmentCode] },
      {
        kind: 'complaints.review.requested',
        title: '投诉复查申请',
        body: `投诉 ${c.trackingNumber} 申请复查，须在 ${c.reviewDueAt!.toISOString()} 前作出复查意见。`,
        entityType: 'complaint',
        entityId: c.id,
      },
    );
  }
}
