import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { NotificationsFacade } from '../../notifications';
import { ReferenceFacade } from '../../reference';
import { TaskCreationService } from '../task-creation.service';
import { TargetKind, TaskType } from '../supervision.enums';

/** Statuses after which an inspection is over: a new breach in the same term opens a new one. */
const FINISHED = ['ACCEPTED', 'CLOSED', 'CANCELLED'];

/**
 * A breach of the national exam rules (schools.exam.violation_found) opens an exam-management inspection
 * (考试管理督查) of the school: one task per school and term while it is open — EDU leads, the inspection
 * office (督导室) co-operates, in the school's township. Further breaches of that term while the task is
 * open are added to it by notification (the task's people read them in `examViolations`); once the task is
 * accepted, closed or cancelled, the next breach opens round n + 1 (source `school_exams:<school>:<term>#n`,
 * so two breaches handled at once still open one task). The school is told of every breach.
 */
@Injectable()
export class SchoolExamsSubscriber {
  constructor(
    private readonly tasks: TaskCreationService,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
  ) {}

  @OnEvent('schools.exam.violation_found', { name: 'supervision.open-exam-management-inspection' })
  async onViolation(event: DomainEvent<'schools.exam.violation_found'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    const prefix = `school_exams:${p.schoolId}:${p.term}#`;
    const rounds = (await em.query(
      `SELECT id, status FROM supervision_task WHERE left(source_ref, length($1)) = $1 ORDER BY created_at`,
      [prefix],
    )) as { id: string; status: string }[];
    const open = rounds.find((t) => !FINISHED.includes(t.status));
    const [school] = await this.reference.schoolsByIds([p.schoolId]);
    const name = school?.name ?? p.schoolId;
    let taskId = open?.id ?? null;
    if (!open) {
      const task = await this.tasks.createFromSource(em, {
        sourceRef: `${prefix}${rounds.length + 1}`,
        type: TaskType.EXAM_MANAGEMENT_INSPECTION,
        title: `考试管理督查（${p.term}）：${name}`,
        description: `Exam-rule violation ${p.kind} in grade ${p.grade} (${p.source === 'PLAN' ? 'exam plan' : 'exam held'}): ${p.description.en} / ${p.description.zh}`,
        targetKind: TargetKind.SCHOOL,
        targetId: p.schoolId,
        institutionId: null,
        townshipCode: p.townshipCode,
        leadDepartmentCode: 'EDU',
        cooperatingDepartmentCodes: ['INSPECTION_OFFICE'],
      });
      taskId = task?.id ?? null;
    } else {
      await this.notifications.notify(
        em,
        { departmentCodes: ['EDU', 'INSPECTION_OFFICE'], townshipCodes: [p.townshipCode] },
        {
          kind: 'supervision.task.finding_added',
          title: `考试管理督查新增违规：${name}`,
          body: `${p.description.zh} (${p.kind}, ${p.term})`,
          entityType: 'supervision_task',
          entityId: open.id,
        },
      );
    }
    await this.notifications.notify(
      em,
      { schoolIds: [p.schoolId] },
      {
        kind: 'schools.exam.violation_found',
        title: `考试管理违规：${p.description.zh}`,
        body: `${p.description.en}. An exam-management inspection (考试管理督查) of term ${p.term} follows it up.`,
        entityType: taskId ? 'supervision_task' : 'school_exam_violation',
        entityId: taskId ?? p.violationId,
      },
    );
  }
}
