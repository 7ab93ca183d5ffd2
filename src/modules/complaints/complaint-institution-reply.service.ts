import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { OPEN_STATUSES } from './complaint.enums';
import { complaintNotFound, invalidComplaintTransition } from './complaints.errors';
import { ComplaintsQueries } from './complaints.queries';
import { Complaint } from './entities/complaint.entity';
import { ComplaintInstitutionReply } from './entities/complaint-institution-reply.entity';

export const INSTITUTION_REPLY_MAX = 2000;

/**
 * The institution's side of a complaint about it (机构端): its administrator replies (机构说明) while the
 * complaint is open. The reply is kept beside the complaint for the handling departments and township
 * (notified), audited and published; it is not on the public timeline and changes no status.
 */
@Injectable()
export class ComplaintInstitutionReplyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ComplaintsQueries,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async reply(actor: Principal, complaintId: string, text: string): Promise<Complaint> {
    if (!hasRole(actor, Role.INSTITUTION_ADMIN) || !actor.institutionId)
      throw new Forbidden({
        en: 'Only the administrator of the institution the complaint is about replies as the institution',
        zh: '只有被投诉机构的管理员可以以机构身份答复',
      });
    const body = text.trim();
    if (!body || body.length > INSTITUTION_REPLY_MAX)
      throw new ValidationFailed([
        {
          path: 'text',
          message: {
            en: `must be 1–${INSTITUTION_REPLY_MAX} characters`,
            zh: `须为 1–${INSTITUTION_REPLY_MAX} 个字符`,
          },
        },
      ]);
    return this.dataSource.transaction(async (em) => {
      // In scope means: about the actor's own institution (complaintScope); any other is not found.
      const qb = em
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.id = :id', { id: complaintId })
        .setLock('pessimistic_read');
      const c = await this.queries.scoped(qb, actor).getOne();
      if (!c || c.institutionId !== actor.institutionId) throw complaintNotFound();
      if (!OPEN_STATUSES.includes(c.status)) throw invalidComplaintTransition('reply as the institution to', c.status);
      const now = this.clock.now();
      const reply = await em.save(
        em.create(ComplaintInstitutionReply, {
          complaintId: c.id,
          institutionId: actor.institutionId,
          text: body,
          repliedBy: actorName(actor),
          repliedAt: now,
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'complaints.institution.replied',
        entityType: 'complaint',
        entityId: c.id,
        summary: { replyId: reply.id, institutionId: actor.institutionId, status: c.status, length: body.length },
      });
      await this.events.publish(em, 'complaints.institution.replied', {
        complaintId: c.id,
        replyId: reply.id,
        institutionId: actor.institutionId,
        trackingNumber: c.trackingNumber,
        leadDepartmentCode: c.leadDepartmentCode,
        townshipCode: c.townshipCode,
      });
      await this.notifications.notify(
        em,
        { departmentCodes: [c.leadDepartmentCode, ...c.coDepartmentCodes], townshipCodes: [c.townshipCode] },
        {
          kind: 'complaints.institution.replied',
          title: '机构已就投诉作出说明',
          body: `投诉 ${c.trackingNumber} 涉及的机构已提交说明，请在办理时参阅。`,
          entityType: 'complaint',
          entityId: c.id,
        },
      );
      return c;
    });
  }
}
