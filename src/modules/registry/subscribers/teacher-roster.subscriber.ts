import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { systemPrincipal } from '../../../platform/auth/principal';
import { decrypt, maskIdentifier } from '../../../platform/crypto/crypto';
import { DomainEvent, EventPublisher, OnEvent } from '../../../platform/events';
import { NotificationsFacade } from '../../notifications';
import { ReferenceFacade } from '../../reference';
import { ACTIVE_STATES } from '../institution-transitions';
import { Licensing } from '../licensing';

/**
 * A school's roster was imported: staff already registered at an institution who match one of the
 * school's active teachers are flagged as at registration (StaffService.addStaff) — the staff row
 * names the teacher, `registry.staff.in_service_teacher_found` is published (the credit module records
 * it) and the licensing and teacher-discipline departments are notified. Staff already flagged are left
 * alone, so a redelivered event changes nothing.
 */
@Injectable()
export class TeacherRosterSubscriber {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly licensing: Licensing,
    private readonly notifications: NotificationsFacade,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnEvent('reference.teacher_roster.imported', { name: 'registry.recheck-staff-against-roster' })
  async recheck(event: DomainEvent<'reference.teacher_roster.imported'>, em: EntityManager): Promise<void> {
    const teachers = await this.reference.activeTeachersOfSchool(event.payload.schoolId);
    if (teachers.length === 0) return;
    const byHash = new Map(teachers.map((t) => [t.idNumberHash, t]));
    const matches: {
      id: string;
      name: string;
      idNumberHash: string;
      idNumberEncrypted: string;
      institutionId: string;
      institutionName: string;
      creditCode: string;
    }[] = await em.query(
      `SELECT s.id, s.name, s.id_number_hash AS "idNumberHash", s.id_number_encrypted AS "idNumberEncrypted",
              i.id AS "institutionId", i.name AS "institutionName", i.credit_code AS "creditCode"
       FROM staff s JOIN institution i ON i.id = s.institution_id
       WHERE s.id_number_hash = ANY($1::char(64)[]) AND s.active AND s.in_service_teacher_id IS NULL AND i.status = ANY($2::varchar[])
       ORDER BY s.created_at
       FOR UPDATE OF s`,
      [[...byHash.keys()], ACTIVE_STATES],
    );
    if (matches.length === 0) return;
    const [licensing, discipline] = await Promise.all([
      this.licensing.departments(),
      this.reference.departmentsWithDuty('TEACHER_DISCIPLINE'),
    ]);
    const actor = systemPrincipal('registry.recheck-staff-against-roster');
    for (const s of matches) {
      const teacher = byHash.get(s.idNumberHash)!;
      await em.query(`UPDATE staff SET in_service_teacher_id = $2 WHERE id = $1 AND in_service_teacher_id IS NULL`, [
        s.id,
        teacher.teacherId,
      ]);
      const masked = maskIdentifier(decrypt(this.config.security.encryptionKey, s.idNumberEncrypted));
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.in_service_teacher_flagged',
        entityType: 'staff',
        entityId: s.id,
        summary: {
          institutionId: s.institutionId,
          teacherId: teacher.teacherId,
          schoolId: teacher.schoolId,
          source: 'roster-import',
        },
      });
      await this.events.publish(em, 'registry.staff.in_service_teacher_found', {
        institutionId: s.institutionId,
        staffId: s.id,
        teacherId: teacher.teacherId,
        schoolId: teacher.schoolId,
        townshipCode: teacher.townshipCode,
      });
      await this.notifications.notify(
        em,
        { departmentCodes: [...licensing, ...discipline] },
        {
          kind: 'registry.staff.in_service_teacher_found',
          title: `在职教师校外培训线索：${s.institutionName}`,
          body: `机构 ${s.institutionName}（${s.creditCode}）登记的从业人员 ${s.name}（${masked}）与新导入的在职教师名册匹配，请核查处理。`,
          entityType: 'institution',
          entityId: s.institutionId,
        },
      );
    }
  }
}
