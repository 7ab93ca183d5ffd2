import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { text } from '../../platform/i18n/text';
import { assertDecidingDepartment, assertPenaltyRecorder } from './enforcement.access';
import { PenaltyStatus, WithdrawalGround } from './enforcement.enums';
import { penaltyNotFound, penaltyStatusConflict } from './enforcement.errors';
import { EnforcementQueries } from './enforcement.queries';
import { PenaltyDecision } from './entities/penalty-decision.entity';
import { PenaltyDecisionService, penaltyPayload } from './penalty-decision.service';

/** How many decisions one run of the publication-expiry job takes off the profile (the next run continues). */
const EXPIRY_BATCH = 200;

/**
 * What happens to a decision after it is made: carried out (DECIDED → CARRIED_OUT, 履行完毕, with the day),
 * withdrawn on review, in court or by the department itself (→ WITHDRAWN, with ground and reason; taken off
 * the public profile, `enforcement.penalty.withdrawn`), and the end of its publication period (the expiry
 * job: off the profile, `enforcement.penalty.withdrawn` with the reason "publication period over").
 */
@Injectable()
export class PenaltyLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EnforcementQueries,
    private readonly decisions: PenaltyDecisionService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async carryOut(actor: Principal, id: string, carriedOutOn: string): Promise<PenaltyDecision> {
    assertPenaltyRecorder(actor, await this.decisions.penaltyDepartments());
    const today = businessDate(this.clock.now(), this.config.timeZone);
    return this.dataSource.transaction(async (em) => {
      const p = await this.queries.lock(em, id);
      if (!p) throw penaltyNotFound(id);
      assertDecidingDepartment(actor, p.decidingDepartmentCode);
      if (p.status !== PenaltyStatus.DECIDED) throw penaltyStatusConflict(p.status, 'carriedOut');
      const problems = new Problems();
      if (
        problems.check(isCalendarDate(carriedOutOn), 'carriedOutOn', text('is not a calendar date', '不是有效日期'))
      ) {
        problems.check(carriedOutOn <= today, 'carriedOutOn', text('cannot be in the future', '不能晚于今天'));
        problems.check(
          carriedOutOn >= p.decidedOn,
          'carriedOutOn',
          text('cannot be before the decision', '不能早于决定日期'),
        );
      }
      problems.throwIfAny();
      p.status = PenaltyStatus.CARRIED_OUT;
      p.carriedOutOn = carriedOutOn;
      p.updatedAt = this.clock.now();
      await em.getRepository(PenaltyDecision).save(p);
      await this.audit.record(em, {
        actor,
        action: 'enforcement.penalty.carried_out',
        entityType: 'penalty_decision',
        entityId: p.id,
        summary: { decisionNumber: p.decisionNumber, carriedOutOn },
      });
      return p;
    });
  }

  async withdraw(
    actor: Principal,
    id: string,
    ground: WithdrawalGround,
    reasonInput: string,
    withdrawnOn: string,
  ): Promise<PenaltyDecision> {
    assertPenaltyRecorder(actor, await this.decisions.penaltyDepartments());
    const today = businessDate(this.clock.now(), this.config.timeZone);
    const reason = reasonInput.trim();
    return this.dataSource.transaction(async (em) => {
      const p = await this.queries.lock(em, id);
      if (!p) throw penaltyNotFound(id);
      assertDecidingDepartment(actor, p.decidingDepartmentCode);
      if (p.status === PenaltyStatus.WITHDRAWN) throw penaltyStatusConflict(p.status, 'withdrawn');
      const problems = new Problems();
      problems.check(reason, 'reason', text('is required', '必须填写'));
      if (problems.check(isCalendarDate(withdrawnOn), 'withdrawnOn', text('is not a calendar date', '不是有效日期'))) {
        problems.check(withdrawnOn <= today, 'withdrawnOn', text('cannot be in the future', '不能晚于今天'));
        problems.check(
          withdrawnOn >= p.decidedOn,
          'withdrawnOn',
          text('cannot be before the decision', '不能早于决定日期'),
        );
      }
      problems.throwIfAny();
      const from = p.status;
      p.status = PenaltyStatus.WITHDRAWN;
      p.withdrawalGround = ground;
      p.withdrawalReason = reason.slice(0, 500);
      p.withdrawnOn = withdrawnOn;
      p.updatedAt = this.clock.now();
      await em.getRepository(PenaltyDecision).save(p);
      await this.audit.record(em, {
        actor,
        action: 'enforcement.penalty.withdrawn',
        entityType: 'penalty_decision',
        entityId: p.id,
        summary: { decisionNumber: p.decisionNumber, from, ground, reason: p.withdrawalReason, withdrawnOn },
      });
      await this.events.publish(em, 'enforcement.penalty.withdrawn', {
        ...penaltyPayload(p),
        reason: `${ground}: ${p.withdrawalReason}`,
      });
      return p;
    });
  }

  /**
   * Takes published decisions whose publication period is over off the public profile (publication_ended_on)
   * and announces each (`enforcement.penalty.withdrawn`, reason "publication period over"), in one audited
   * transaction per run; rows another worker holds are skipped. Returns how many.
   */
  async endPublications(now: Date): Promise<number> {
    const today = businessDate(now, this.config.timeZone);
    const actor = systemPrincipal('enforcement.publication-expiry');
    return this.dataSource.transaction(async (em) => {
      const due = await this.queries.publicationOver(em, today, EXPIRY_BATCH);
      for (const p of due) {
        p.publicationEndedOn = today;
        p.updatedAt = now;
        await em.getRepository(PenaltyDecision).save(p);
        await this.audit.record(em, {
          actor,
          action: 'enforcement.penalty.publication_ended',
          entityType: 'penalty_decision',
          entityId: p.id,
          summary: { decisionNumber: p.decisionNumber, publishedUntil: p.publishedUntil },
        });
        await this.events.publish(em, 'enforcement.penalty.withdrawn', {
          ...penaltyPayload(p),
          reason: 'PUBLICATION_ENDED: 公示期满 (publication period over)',
        });
      }
      return due.length;
    });
  }
}
