import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { TargetKind, TaskType } from '../supervision.enums';
import { TaskCreationService } from '../task-creation.service';

const SUBJECT_NAMES: Record<string, string> = {
  CHINESE: '语文',
  MATHEMATICS: '数学',
  ENGLISH: '英语',
  SCIENCE: '科学',
  MORALITY_LAW: '道德与法治',
  PHYSICAL_HEALTH: '体育与健康',
  ARTS: '艺术',
};

/**
 * A school below the county band in a published monitoring round (schools.quality.below_county) gets one
 * teaching-research visit (教研指导): EDU leads, one task per school and round (year and grade).
 */
@Injectable()
export class TeachingResearchSubscriber {
  constructor(private readonly supervision: TaskCreationService) {}

  @OnEvent('schools.quality.below_county', { name: 'supervision.open-teaching-research-visit' })
  async onBelowCounty(event: DomainEvent<'schools.quality.below_county'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    const subjects = p.subjects.map((s) => SUBJECT_NAMES[s.subject] ?? s.subject).join('、');
    await this.supervision.createFromSource(em, {
      sourceRef: `quality_below_county:${p.year}:${p.grade}:${p.schoolId}`,
      type: TaskType.TEACHING_RESEARCH_VISIT,
      title: `教研指导：${p.schoolName}（${p.year}年${p.grade}年级 ${subjects}）`,
      description: `Academic quality monitoring ${p.year}, grade ${p.grade}: below the county band in ${p.subjects
        .map((s) => `${s.subject} (school ${s.schoolBand}, county ${s.countyBand})`)
        .join(', ')}.`,
      targetKind: TargetKind.SCHOOL,
      targetId: p.schoolId,
      institutionId: null,
      townshipCode: p.townshipCode,
      leadDepartmentCode: 'EDU',
      cooperatingDepartmentCodes: [],
    });
  }
}
