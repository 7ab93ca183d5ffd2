import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { encrypt, maskIdentifier, piiHash } from '../../platform/crypto/crypto';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { BackgroundCheck, Staff } from './entities/staff.entity';
import { Licensing } from './licensing';
import { RecordChanges } from './record-changes';
import { StaffInput, StaffView } from './records.types';
import { staffAlreadyLeft, staffAlreadyRegistered, staffBarred } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { StaffBarService } from './staff-bar.service';
import { text } from '../../platform/i18n/text';
import { ID_NUMBER_FORMAT, MUST_BE_DATE, MUST_NOT_BE_EMPTY } from '../../platform/i18n/field-texts';

const ID_NUMBER = /^\d{17}[\dX]$/;

/**
 * An institution's staff (从业人员): registration with the in-service teacher check and staff bars, the
 * background check, the end of employment. Commands need a licensing officer.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly changes: RecordChanges,
    private readonly licensing: Licensing,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly staffBars: StaffBarService,
  ) {}

  /** Staff of institutions already scoped by the caller, ID numbers masked. */
  async staffOf(ids: readonly string[]): Promise<StaffView[]> {
    const rows = await this.queries.staffOf(ids);
    return rows.map((s) => this.changes.view(s));
  }

  /**
   * Registers a staff member. The ID number is hashed (searchable) and encrypted; a match with the
   * teacher roster marks the person an in-service teacher (a violation): an event for the credit
   * module and a notice to the licensing department and the discipline commission.
   */
  async addStaff(actor: Principal, institutionId: string, input: StaffInput): Promise<StaffView> {
    const idNumber = input.idNumber.trim().toUpperCase();
    if (!ID_NUMBER.test(idNumber)) throw new ValidationFailed([{ path: 'idNumber', message: ID_NUMBER_FORMAT }]);
    const hash = piiHash(this.config.security.piiHashKey, idNumber);
    const teacher = await this.reference.findActiveTeacherByIdNumberHash(hash);
    return this.changes.change(actor, institutionId, async (em, i) => {
      if (await em.getRepository(Staff).existsBy({ institutionId: i.id, idNumberHash: hash }))
        throw staffAlreadyRegistered();
      // Takes turns with barStaffMember for the same person, so a bar and a registration cannot cross.
      await this.staffBars.lockPerson(em, hash);
      const bar = await this.queries.barInForce(em, hash, businessDate(this.clock.now(), this.config.timeZone));
      if (bar) throw staffBarred(bar.barredUntil);
      const s = em.getRepository(Staff).create({
        institutionId: i.id,
        name: input.name,
        idNumberHash: hash,
        idNumberEncrypted: encrypt(this.config.security.encryptionKey, idNumber),
        position: input.position,
        qualification: input.qualification ?? null,
        backgroundCheck: input.backgroundCheck ?? BackgroundCheck.PENDING,
        inServiceTeacherId: teacher?.teacherId ?? null,
        backgroundCheckedOn: null,
        active: true,
        employmentEndedOn: null,
        createdAt: this.clock.now(),
      });
      await em.getRepository(Staff).insert(s);
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.added',
        entityType: 'staff',
        entityId: s.id,
        summary: {
          institutionId: i.id,
          name: s.name,
          idNumber: maskIdentifier(idNumber),
          inServiceTeacher: Boolean(teacher),
        },
      });
      if (teacher) {
        await this.events.publish(em, 'registry.staff.in_service_teacher_found', {
          institutionId: i.id,
          staffId: s.id,
          teacherId: teacher.teacherId,
          schoolId: teacher.schoolId,
          townshipCode: teacher.townshipCode,
        });
        // The licensing department and whoever holds the teacher-discipline duty (EDU and DISCIPLINE in Xifeng).
        const [licensing, discipline] = await Promise.all([
          this.licensing.departments(),
          this.reference.departmentsWithDuty('TEACHER_DISCIPLINE'),
        ]);
        await this.notifications.notify(
          em,
          { departmentCodes: [...licensing, ...discipline] },
          {
            kind: 'registry.staff.in_service_teacher_found',
            title: `在职教师校外培训线索：${i.name}`,
            body: `机构 ${i.name}（${i.creditCode}）登记的从业人员 ${s.name}（${maskIdentifier(idNumber)}）与在职教师名册匹配，请核查处理。`,
            entityType: 'institution',
            entityId: i.id,
          },
        );
      }
      return this.changes.view(s);
    });
  }

  /**
   * Completes a staff member's background check (背景审查): CLEARED or FAILED on a date (not in the
   * future). A completed check may be corrected with a reason; the audit keeps the previous result.
   */
  async updateStaffBackgroundCheck(
    actor: Principal,
    staffId: string,
    result: BackgroundCheck,
    date: string,
    reason: string,
  ): Promise<StaffView> {
    await this.licensing.assertCanCommand(actor);
    const problems = new Problems();
    if (result === BackgroundCheck.PENDING)
      problems.add(
        'result',
        text('a completed check is CLEARED or FAILED', '已完成的背景审查结果须为 CLEARED 或 FAILED'),
      );
    if (!isCalendarDate(date)) problems.add('date', MUST_BE_DATE);
    else if (date > this.changes.today())
      problems.add('date', text('a check cannot be completed in the future', '背景审查的完成日期不能晚于今天'));
    if (!reason.trim()) problems.add('reason', MUST_NOT_BE_EMPTY);
    problems.throwIfAny();
    return this.changes.changeStaff(actor, staffId, async (em, s) => {
      const before = { backgroundCheck: s.backgroundCheck, backgroundCheckedOn: s.backgroundCheckedOn };
      s.backgroundCheck = result;
      s.backgroundCheckedOn = date;
      await em.getRepository(Staff).save(s);
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.background_checked',
        entityType: 'staff',
        entityId: s.id,
        summary: {
          institutionId: s.institutionId,
          before,
          after: { backgroundCheck: result, backgroundCheckedOn: date },
          reason: reason.trim(),
        },
      });
      return this.changes.view(s);
    });
  }

  /** 离职: a staff member's employment ends on a date (not in the future); they no longer count as current staff. */
  async endStaffEmployment(actor: Principal, staffId: string, date: string, reason: string): Promise<StaffView> {
    await this.licensing.assertCanCommand(actor);
    const problems = new Problems();
    if (!isCalendarDate(date)) problems.add('date', MUST_BE_DATE);
    else if (date > this.changes.today())
      problems.add(
        'date',
        text('an employment cannot end in the future; record it on the day', '离职日期不能晚于今天，请在离职当天登记'),
      );
    if (!reason.trim()) problems.add('reason', MUST_NOT_BE_EMPTY);
    problems.throwIfAny();
    return this.changes.changeStaff(actor, staffId, async (em, s) => {
      if (!s.active) throw staffAlreadyLeft(s.employmentEndedOn);
      const registeredOn = businessDate(s.createdAt, this.config.timeZone);
      if (date < registeredOn)
        throw new ValidationFailed([
          {
            path: 'date',
            message: text(
              `is before the staff member was registered (${registeredOn})`,
              `早于该从业人员的登记日期（${registeredOn}）`,
            ),
          },
        ]);
      s.active = false;
      s.employmentEndedOn = date;
      await em.getRepository(Staff).save(s);
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.employment_ended',
        entityType: 'staff',
        entityId: s.id,
        summary: { institutionId: s.institutionId, name: s.name, endedOn: date, reason: reason.trim() },
      });
      return this.changes.view(s);
    });
  }
}
