import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { NotificationsFacade } from '../../notifications';
import { ReferenceFacade } from '../../reference';
import { TargetKind, TaskType } from '../supervision.enums';
import { SupervisionQueries } from '../supervision.queries';
import { TaskCreationService } from '../task-creation.service';

/**
 * Homework over the time limit, repeatedly (作业负担督查): when a school's breaches reach the county's
 * threshold, the Education Bureau inspects the school. At most one such task per school is unfinished
 * (not closed or cancelled): an alert while one is unfinished is told to EDU on that task instead of
 * opening another. The after-school module counts each breach towards one alert only, so after a task
 * closes a new one needs a fresh run of breaches.
 */
@Injectable()
export class HomeworkBurdenSubscriber {
  constructor(
    private readonly creation: TaskCreationService,
    private readonly queries: SupervisionQueries,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
  ) {}

  @OnEvent('after_school.homework.breach_threshold_reached', { name: 'supervision.open-homework-burden-task' })
  async onThreshold(
    event: DomainEvent<'after_school.homework.breach_threshold_reached'>,
    em: EntityManager,
  ): Promise<void> {
    const p = event.payload;
    // Serialises the check-then-open per school (two alerts of one school delivered together).
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('homework_burden_task'), hashtext($1))`, [p.schoolId]);
    const [school] = await this.reference.schoolsByIds([p.schoolId]);
    const name = school?.name ?? p.schoolId;
    const what = `${p.windowFrom} 至 ${p.windowTo} 作业超时 ${p.breaches} 班次（阈值 ${p.threshold} 次 / ${p.periodDays} 天）`;
    const open = await this.queries.unfinishedTaskOf(
      em,
      TaskType.HOMEWORK_BURDEN_INSPECTION,
      TargetKind.SCHOOL,
      p.schoolId,
    );
    if (open) {
      await this.notifications.notify(
        em,
        { departmentCodes: [open.leadDepartmentCode], userIds: open.assigneeIds },
        {
          kind: 'supervision.homework_burden.repeated',
          title: `作业负担督查进行中，${name}再次作业超时`,
          body: `${what}；已并入进行中的督查任务。`,
          entityType: 'supervision_task',
          entityId: open.id,
        },
      );
      return;
    }
    await this.creation.createFromSource(em, {
      sourceRef: `homework_breach_alert:${p.alertId}`,
      type: TaskType.HOMEWORK_BURDEN_INSPECTION,
      title: `作业负担督查：${name}`,
      description: `Homework over the time limit: ${p.breaches} class-days from ${p.windowFrom} to ${p.windowTo} (county threshold ${p.threshold} in ${p.periodDays} days). ${what}`,
      targetKind: TargetKind.SCHOOL,
      targetId: p.schoolId,
      institutionId: null,
      townshipCode: p.townshipCode,
      leadDepartmentCode: 'EDU',
      cooperatingDepartmentCodes: [],
    });
  }
}
