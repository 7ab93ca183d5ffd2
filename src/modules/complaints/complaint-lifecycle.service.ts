import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { PolicyFacade } from '../policy';
import { mayHandle, mayRoute } from './complaints.access';
import { ComplaintStatus, Satisfaction } from './complaint.enums';
import { complaintNotFound, deadlineAlreadyExtended, invalidComplaintTransition } from './complaints.errors';
import { HANDLING, calendarDeadline, extendDeadline } from './deadlines';
import { Complaint } from './entities/complaint.entity';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';
import { COMPLAINT_ROUTING, TOWNSHIP_PSEUDO_DEPARTMENT } from './routing';
import { ComplaintsQueries } from './complaints.queries';
import { COMPLAINT_COMMAND_FROM } from './complaint-transitions';
import { text } from '../../platform/i18n/text';

/**
 * The lifecycle of a complaint with its statutory deadlines: accept, route, handle, reply, close, reopen; one
 * audited change at a time (also used by the review). The only writer of the complaint tables besides intake.
 */
@Injectable()
export class ComplaintLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ComplaintsQueries,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- lifecycle ------------------------------------------------------------------------------

  accept(actor: Principal, id: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'accept', COMPLAINT_COMMAND_FROM.accept, 'route', async (c, _em, now) => {
      c.status = ComplaintStatus.ACCEPTED;
      c.acceptedAt = now;
      c.handleDueAt = calendarDeadline(
        now,
        await this.policy.value('complaints.handle_days', now),
        this.config.timeZone,
      ).dueAt;
      return { publicReply, summary: { handleDueAt: c.handleDueAt.toISOString() } };
    });
  }

  notAccept(actor: Principal, id: string, reason: string, publicReply: string): Promise<Complaint> {
    return this.change(actor, id, 'refuse', COMPLAINT_COMMAND_FROM.refuse, 'route', async (c) => {
      c.status = ComplaintStatus.NOT_ACCEPTED;
      c.notAcceptedReason = reason;
      return { publicReply, summary: { reason } };
    });
  }

  assign(actor: Principal, id: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'assign', COMPLAINT_COMMAND_FROM.assign, 'route', async (c, em, now) => {
      c.status = ComplaintStatus.ASSIGNED;
      c.assignedAt = now;
      await this.notifyAssigned(
        em,
        c,
        'complaints.complaint.assigned',
        '投诉已交办',
        `投诉 ${c.trackingNumber}（${COMPLAINT_ROUTING[c.category].label}）已交办，牵头单位 ${c.leadDepartmentCode}。`,
      );
      return {
        publicReply,
        summary: { leadDepartmentCode: c.leadDepartmentCode, coDepartmentCodes: c.coDepartmentCodes },
      };
    });
  }

  async reassign(
    actor: Principal,
    id: string,
    leadDepartmentCode: string,
    coDepartmentCodes: string[],
    reason: string,
  ): Promise<Complaint> {
    const co = [...new Set(coDepartmentCodes)].filter((d) => d !== leadDepartmentCode);
    const known = new Set((await this.reference.listDepartments()).map((d) => d.code));
    const unknown = [leadDepartmentCode, ...co].filter((d) => !known.has(d) || d === TOWNSHIP_PSEUDO_DEPARTMENT);
    if (unknown.length)
      throw new ValidationFailed([
        {
          path: 'leadDepartmentCode',
          message: text(
            `not a department that can handle complaints: ${unknown.join(', ')}`,
            `不是可以办理投诉的部门：${unknown.join('、')}`,
          ),
        },
      ]);
    const movable = COMPLAINT_COMMAND_FROM.reassign;
    return this.change(actor, id, 'reassign', movable, 'route', async (c, em) => {
      const before = { leadDepartmentCode: c.leadDepartmentCode, coDepartmentCodes: c.coDepartmentCodes };
      c.leadDepartmentCode = leadDepartmentCode;
      c.coDepartmentCodes = co;
      if (c.status === ComplaintStatus.ASSIGNED || c.status === ComplaintStatus.INVESTIGATING) {
        await this.notifyAssigned(
          em,
          c,
          'complaints.complaint.reassigned',
          '投诉已改派',
          `投诉 ${c.trackingNumber} 已改派，牵头单位 ${leadDepartmentCode}。理由：${reason}`,
        );
      }
      return {
        timeline: false,
        action: 'complaints.complaint.reassigned',
        summary: { before, after: { leadDepartmentCode, coDepartmentCodes: co }, reason },
      };
    });
  }

  startInvestigation(actor: Principal, id: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'investigate', COMPLAINT_COMMAND_FROM.investigate, 'handle', async (c) => {
      c.status = ComplaintStatus.INVESTIGATING;
      return { publicReply };
    });
  }

  reply(actor: Principal, id: string, publicReply: string, findings?: string): Promise<Complaint> {
    return this.change(actor, id, 'reply to', COMPLAINT_COMMAND_FROM['reply to'], 'handle', async (c, _em, now) => {
      c.status = ComplaintStatus.REPLIED;
      c.repliedAt = now;
      if (findings !== undefined) c.findings = findings;
      return { publicReply, summary: { findings: findings ?? null } };
    });
  }

  async extend(actor: Principal, id: string, days: number, reason: string): Promise<Complaint> {
    const maxExtensionDays = await this.policy.value('complaints.max_extension_days');
    if (!Number.isInteger(days) || days < 1 || days > maxExtensionDays)
      throw new ValidationFailed([
        { path: 'days', message: text(`must be 1–${maxExtensionDays}`, `须在 1 到 ${maxExtensionDays} 之间`) },
      ]);
    return this.change(actor, id, 'extend', HANDLING, 'handle', async (c, _em, now) => {
      if (c.extensionDays !== null) throw deadlineAlreadyExtended();
      const before = c.handleDueAt!;
      c.handleDueAt = extendDeadline(before, days, this.config.timeZone);
      c.extensionDays = days;
      c.extensionReason = reason;
      if (c.handleDueAt > now) {
        // A new deadline, watched again from the bottom of the ladder.
        c.handleOverdueAt = null;
        c.handleOverdueLevel = null;
      }
      return {
        timeline: false,
        action: 'complaints.complaint.deadline_extended',
        summary: { days, reason, from: before.toISOString(), to: c.handleDueAt.toISOString() },
      };
    });
  }

  close(
    actor: Principal,
    id: string,
    cmd: { substantiated: boolean; summary: string; satisfaction?: Satisfaction; publicReply?: string },
  ): Promise<Complaint> {
    return this.change(actor, id, 'close', COMPLAINT_COMMAND_FROM.close, 'handle', async (c, em, now) => {
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
      return {
        publicReply: cmd.publicReply,
        summary: { substantiated: cmd.substantiated, satisfaction: c.satisfaction, summary: cmd.summary },
      };
    });
  }

  reopen(actor: Principal, id: string, reason: string, publicReply?: string): Promise<Complaint> {
    return this.change(actor, id, 'reopen', COMPLAINT_COMMAND_FROM.reopen, 'handle', async (c, _em, now) => {
      c.status = ComplaintStatus.INVESTIGATING;
      c.reopenCount += 1;
      c.closedAt = null;
      c.handleDueAt = calendarDeadline(
        now,
        await this.policy.value('complaints.handle_days', now),
        this.config.timeZone,
      ).dueAt;
      c.handleOverdueAt = null;
      c.handleOverdueLevel = null;
      return {
        publicReply,
        action: 'complaints.complaint.reopened',
        summary: { reason, previousSatisfaction: c.satisfaction, handleDueAt: c.handleDueAt.toISOString() },
      };
    });
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
  async change(
    actor: Principal,
    id: string,
    command: string,
    from: readonly ComplaintStatus[],
    right: 'route' | 'handle' | 'review',
    apply: (
      c: Complaint,
      em: EntityManager,
      now: Date,
    ) => Promise<{ publicReply?: string; timeline?: boolean; action?: string; summary?: Record<string, unknown> }>,
  ): Promise<Complaint> {
    return this.dataSource.transaction(async (em) => {
      const qb = em
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.id = :id', { id })
        .setLock('pessimistic_write');
      const c = await this.queries.scoped(qb, actor).getOne();
      if (!c) throw complaintNotFound();
      if (hasRole(actor, Role.DISCIPLINE_SUPERVISOR))
        throw new Forbidden(
          text('Discipline supervisors read complaints; they do not change them', '纪检监督人员只能查阅投诉，不能办理'),
        );
      if (right === 'review' && !hasRole(actor, Role.COUNTY_ADMIN)) {
        throw new Forbidden(
          text(
            'A review (复查) is decided by the county office, the handling departments’ superior',
            '复查由办理部门的上级——县级管理部门决定',
          ),
        );
      }
      if (right !== 'review' && !(right === 'route' ? mayRoute(actor, c) : mayHandle(actor, c))) {
        throw new Forbidden(
          right === 'route'
            ? text(
                'Only EDU, PETITIONS, the lead department or the county office route this complaint',
                '只有教育部门（EDU）、信访部门（PETITIONS）、牵头部门或县级管理部门可以分办此投诉',
              )
            : text(
                'Only the assigned departments and the township handle this complaint',
                '只有承办部门和所属乡镇可以办理此投诉',
              ),
        );
      }
      if (!from.includes(c.status)) throw invalidComplaintTransition(command, c.status);
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
      await this.events.publish(em, 'complaints.complaint.changed', {
        complaintId: c.id,
        command,
        fromStatus,
        toStatus: c.status,
        leadDepartmentCode: c.leadDepartmentCode,
        townshipCode: c.townshipCode,
      });
      return c;
    });
  }

  async addTimeline(em: EntityManager, c: Complaint, publicReply: string | null): Promise<void> {
    await em.insert(ComplaintTimelineEntry, {
      complaintId: c.id,
      status: c.status,
      publicReply,
      occurredAt: this.clock.now(),
    });
  }

  async notifyAssigned(em: EntityManager, c: Complaint, kind: string, title: string, body: string): Promise<void> {
    await this.notifications.notify(
      em,
      { departmentCodes: [c.leadDepartmentCode, ...c.coDepartmentCodes], townshipCodes: [c.townshipCode] },
      { kind, title, body, entityType: 'complaint', entityId: c.id },
    );
  }
}
