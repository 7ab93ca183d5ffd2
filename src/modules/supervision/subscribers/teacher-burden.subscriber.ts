import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { ReferenceFacade } from '../../reference';
import { TargetKind, TaskType } from '../supervision.enums';
import { TaskCreationService } from '../task-creation.service';

const KIND_NAMES = {
  INSPECTION: '检查',
  EVALUATION: '评比',
  FORM_FILLING: '填表',
  CAMPUS_ACTIVITY: '进校园活动',
  OTHER: '其他事项',
} as const;

/**
 * A non-teaching demand on a school without the county's approval (教师负担核查): the county inspection
 * office (督导室) reviews it, with EDU co-operating; one task per demand.
 */
@Injectable()
export class TeacherBurdenSubscriber {
  constructor(
    private readonly creation: TaskCreationService,
    private readonly reference: ReferenceFacade,
  ) {}

  @OnEvent('schools.burden_demand.unapproved', { name: 'supervision.open-teacher-burden-review' })
  async onUnapproved(event: DomainEvent<'schools.burden_demand.unapproved'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    const [school] = await this.reference.schoolsByIds([p.schoolId]);
    const requester = p.requesterName ?? p.requesterDepartmentCode ?? '';
    const why = p.reason === 'APPROVAL_DISPUTED' ? 'approval reference disputed by the county' : 'no county approval';
    await this.creation.createFromSource(em, {
      sourceRef: `teacher_burden_demand:${p.demandId}`,
      type: TaskType.TEACHER_BURDEN_REVIEW,
      title: `教师负担核查（未经审批的${KIND_NAMES[p.kind]}）：${school?.name ?? p.schoolId}`,
      description: `${p.title} — requested by ${requester}, ${p.startsOn} to ${p.endsOn}, ${p.teacherHours} teacher-hours; ${why}. Demand ${p.demandId}.`,
      targetKind: TargetKind.SCHOOL,
      targetId: p.schoolId,
      institutionId: null,
      townshipCode: p.townshipCode,
      leadDepartmentCode: 'INSPECTION_OFFICE',
      cooperatingDepartmentCodes: ['EDU'],
    });
  }
}
