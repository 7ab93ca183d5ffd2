import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal, actorName } from '../../../platform/auth/principal';
import { addDays, businessDate } from '../../../platform/clock/business-time';
import { Clock } from '../../../platform/clock/clock';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher } from '../../../platform/events';
import { UUID } from '../../../platform/ids/uuid';
import { text } from '../../../platform/i18n/text';
import { MUST_BE_UUID } from '../../../platform/i18n/field-texts';
import { ComplaintCategory, ComplaintsFacade } from '../../complaints';
import { NotificationsFacade } from '../../notifications';
import { PolicyFacade } from '../../policy';
import { ReferenceFacade } from '../../reference';
import { RegistryFacade } from '../../registry';
import { TeacherCase, TeacherCaseOutcome, TeacherCaseSource, TeacherCaseStatus } from './entities/teacher-case.entity';
import { DECIDING_DEPARTMENT, DISCIPLINE_DEPARTMENT, assertDecider } from './teacher-cases.access';
import {
  complaintNotAboutPaidTutoring,
  teacherCaseAlreadyDecided,
  teacherCaseComplaintNotFound,
  teacherCaseNotFound,
  teacherNotOnRoster,
} from './teacher-cases.errors';
import { TeacherCaseQueries } from './teacher-cases.queries';
import { MAX_TEXT, OUTCOME_LABEL, outcomeProblems, outcomeRecipients } from './teacher-case.rules';

/** Complaint statuses before or outside acceptance: such a complaint opens no case. */
const NOT_ACCEPTED = ['RECEIVED', 'NOT_ACCEPTED'];

export interface OpenCase {
  teacherId: string;
  source: TeacherCaseSource;
  institutionId?: string;
  staffId?: string;
  complaintId?: string;
  note?: string;
}

/**
 * Opens cases against serving teachers (one per teacher and source, idempotently) and records the
 * Education Bureau's outcome. Every change writes its audit row, publishes its event and notifies in its
 * transaction: the school and EDU when a case opens, the school when it is decided, and the discipline
 * commission (department DISCIPLINE) when it is referred there.
 */
@Injectable()
export class TeacherCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: TeacherCaseQueries,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly policy: PolicyFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return businessDate(this.clock.now(), this.config.timeZone);
  }

  /**
   * Opens the case of a teacher and source in the caller's transaction; when one is already open for
   * them, returns it unchanged (`created: false`: no second audit row, event or notice).
   */
  async openIn(em: EntityManager, actor: Principal, cmd: OpenCase): Promise<{ case: TeacherCase; created: boolean }> {
    const sourceRef = (cmd.source === TeacherCaseSource.ROSTER_MATCH ? cmd.staffId : cmd.complaintId)!;
    const [teacher] = await this.reference.rosterEntriesByIds([cmd.teacherId]);
    if (!teacher) throw teacherNotOnRoster(cmd.teacherId);
    // One case per teacher and source, also when the same event or request comes twice at once.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('teacher_case:' || $1 || ':' || $2))`, [
      teacher.teacherId,
      sourceRef,
    ]);
    const existing = await this.queries.bySource(em, teacher.teacherId, cmd.source, sourceRef);
    if (existing) return { case: existing, created: false };
    const now = this.clock.now();
    const days = await this.policy.value('schools.teacher_case_decision_days', now);
    const c = em.getRepository(TeacherCase).create({
      teacherId: teacher.teacherId,
      rosterHash: teacher.idNumberHash,
      teacherName: teacher.name,
      schoolId: teacher.schoolId,
      townshipCode: teacher.townshipCode,
      sourceKind: cmd.source,
      sourceRef,
      institutionId: cmd.institutionId ?? null,
      staffId: cmd.staffId ?? null,
      complaintId: cmd.complaintId ?? null,
      status: TeacherCaseStatus.OPEN,
      openedAt: now,
      openedBy: actorName(actor),
      note: cmd.note?.trim() ? cmd.note.trim() : null,
      decisionDueOn: addDays(businessDate(now, this.config.timeZone), days),
      outcome: null,
      outcomeReason: null,
      decidedAt: null,
      decidedBy: null,
    });
    await em.getRepository(TeacherCase).insert(c);
    await this.audit.record(em, {
      actor,
      action: 'schools.teacher_case.opened',
      entityType: 'teacher_case',
      entityId: c.id,
      summary: {
        teacherId: c.teacherId,
        schoolId: c.schoolId,
        source: c.sourceKind,
        institutionId: c.institutionId,
        staffId: c.staffId,
        complaintId: c.complaintId,
        decisionDueOn: c.decisionDueOn,
      },
    });
    await this.events.publish(em, 'schools.teacher_case.opened', {
      ...this.payload(c),
      decisionDueOn: c.decisionDueOn,
    });
    const [school] = await this.reference.schoolsByIds([c.schoolId]);
    const where = await this.sourceWords(c);
    await this.notifications.notify(
      em,
      { schoolIds: [c.schoolId], departmentCodes: [DECIDING_DEPARTMENT] },
      {
        kind: 'schools.teacher_case.opened',
        title: `在职教师有偿补课立案：${c.teacherName}`,
        body: `${school?.name ?? '本校'}在职教师 ${c.teacherName} 因${where}被立案，请教育局于 ${c.decisionDueOn} 前作出处理决定；学校请配合核查。`,
        entityType: 'teacher_case',
        entityId: c.id,
      },
    );
    return { case: c, created: true };
  }

  /** EDU opens a case against a roster teacher from an accepted paid-tutoring complaint it may read. */
  async openFromComplaint(
    actor: Principal,
    cmd: { complaintId: string; teacherId: string; note?: string | null },
  ): Promise<TeacherCase> {
    assertDecider(actor);
    const problems = new Problems();
    problems.check(UUID.test(cmd.complaintId), 'complaintId', MUST_BE_UUID);
    problems.check(UUID.test(cmd.teacherId), 'teacherId', MUST_BE_UUID);
    if ((cmd.note?.trim().length ?? 0) > MAX_TEXT)
      problems.add('note', text(`at most ${MAX_TEXT} characters`, `不超过 ${MAX_TEXT} 个字符`));
    problems.throwIfAny();
    const complaintId = cmd.complaintId.toLowerCase();
    const complaint = await this.complaints.readableFacts(actor, complaintId);
    if (!complaint) throw teacherCaseComplaintNotFound(cmd.complaintId);
    if (complaint.category !== ComplaintCategory.TEACHER_PAID_TUTORING || NOT_ACCEPTED.includes(complaint.status))
      throw complaintNotAboutPaidTutoring(complaint.category, complaint.status);
    return this.dataSource.transaction(async (em) => {
      const opened = await this.openIn(em, actor, {
        teacherId: cmd.teacherId.toLowerCase(),
        source: TeacherCaseSource.COMPLAINT,
        complaintId,
        note: cmd.note ?? undefined,
      });
      return opened.case;
    });
  }

  /** EDU records its outcome with reasons: OPEN → DECIDED, once (a decision is final). */
  async recordOutcome(
    actor: Principal,
    cmd: { id: string; outcome: TeacherCaseOutcome; reason: string },
  ): Promise<TeacherCase> {
    assertDecider(actor);
    if (!UUID.test(cmd.id)) throw teacherCaseNotFound(cmd.id);
    outcomeProblems(cmd).throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const visible = await this.queries.byId(actor, cmd.id.toLowerCase());
      if (!visible) throw teacherCaseNotFound(cmd.id);
      const c = (await this.queries.lock(em, visible.id))!;
      if (c.status === TeacherCaseStatus.DECIDED) throw teacherCaseAlreadyDecided(c.outcome!);
      c.status = TeacherCaseStatus.DECIDED;
      c.outcome = cmd.outcome;
      c.outcomeReason = cmd.reason.trim();
      c.decidedAt = this.clock.now();
      c.decidedBy = actorName(actor);
      await em.getRepository(TeacherCase).save(c);
      const today = this.today();
      await this.audit.record(em, {
        actor,
        action: 'schools.teacher_case.decided',
        entityType: 'teacher_case',
        entityId: c.id,
        summary: {
          outcome: c.outcome,
          reason: c.outcomeReason,
          decisionDueOn: c.decisionDueOn,
          late: c.decisionDueOn < today,
        },
      });
      await this.events.publish(em, 'schools.teacher_case.decided', { ...this.payload(c), outcome: c.outcome });
      const to = outcomeRecipients(c.outcome);
      await this.notifications.notify(
        em,
        { schoolIds: [c.schoolId], departmentCodes: to.discipline ? [DISCIPLINE_DEPARTMENT] : [] },
        {
          kind: 'schools.teacher_case.decided',
          title: `在职教师有偿补课案件处理结果：${c.teacherName}（${OUTCOME_LABEL[c.outcome]}）`,
          body: to.discipline
            ? `教育局决定将在职教师 ${c.teacherName} 有偿补课一案移送纪委监委处理。理由：${c.outcomeReason}`
            : `教育局对在职教师 ${c.teacherName} 有偿补课一案作出处理：${OUTCOME_LABEL[c.outcome]}。理由：${c.outcomeReason}`,
          entityType: 'teacher_case',
          entityId: c.id,
        },
      );
      return c;
    });
  }

  private payload(c: TeacherCase) {
    return {
      caseId: c.id,
      teacherId: c.teacherId,
      schoolId: c.schoolId,
      townshipCode: c.townshipCode,
      source: c.sourceKind,
      institutionId: c.institutionId,
      complaintId: c.complaintId,
    };
  }

  /** How the notice names the source: the institution found employing the teacher, or the complaint. */
  private async sourceWords(c: TeacherCase): Promise<string> {
    if (c.sourceKind === TeacherCaseSource.ROSTER_MATCH) {
      const [i] = await this.registry.getInstitutions([c.institutionId!]);
      return `在校外培训机构${i ? ` ${i.name}` : ''}任职（名册比对）`;
    }
    const tracking = await this.complaints.trackingNumberOf(c.complaintId!);
    return `被投诉有偿补课（投诉 ${tracking ?? c.complaintId}）`;
  }
}
