import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { systemPrincipal } from '../../../../platform/auth/principal';
import { DomainError } from '../../../../platform/errors/domain-error';
import { DomainEvent, OnEvent } from '../../../../platform/events';
import { TeacherCaseSource } from '../entities/teacher-case.entity';
import { TeacherCaseService } from '../teacher-case.service';

const ACTOR = systemPrincipal('schools.subscribers');

/**
 * A roster teacher found on an institution's staff (at registration, or when a roster import matches
 * existing staff) opens a case against the teacher: one per teacher and staff record, whichever path
 * found it and however often the event is delivered. The credit module records the institution's side.
 */
@Injectable()
export class RosterMatchSubscriber {
  private readonly logger = new Logger(RosterMatchSubscriber.name);

  constructor(private readonly cases: TeacherCaseService) {}

  @OnEvent('registry.staff.in_service_teacher_found', { name: 'schools.open-teacher-case' })
  async onMatch(event: DomainEvent<'registry.staff.in_service_teacher_found'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    try {
      await this.cases.openIn(em, ACTOR, {
        teacherId: p.teacherId,
        source: TeacherCaseSource.ROSTER_MATCH,
        institutionId: p.institutionId,
        staffId: p.staffId,
      });
    } catch (e) {
      // A roster entry removed since the match: nothing to open a case against (the credit record stays).
      if (e instanceof DomainError && e.code === 'TEACHER_NOT_FOUND') {
        this.logger.warn(`teacher ${p.teacherId} of staff ${p.staffId} is no longer on the roster; no case opened`);
        return;
      }
      throw e;
    }
  }
}
