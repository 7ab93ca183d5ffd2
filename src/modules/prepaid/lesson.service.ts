import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { FieldProblem, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { PolicyFacade } from '../policy';
import { RegistryFacade } from '../registry';
import { lessonBoundProblem, lessonsLeft } from './contract-rules';
import { PrepaidContract, PrepaidContractStatus } from './entities/prepaid-contract.entity';
import { PrepaidLesson, PrepaidLessonStatus } from './entities/prepaid-lesson.entity';
import { assertContractWriter, assertMayWrite } from './prepaid.access';
import { contractNotActive, contractNotFound, lessonDateRefused, lessonsExceedBought } from './prepaid.errors';
import { PrepaidQueries } from './prepaid.queries';
import { RecordLessonsCommand } from './prepaid.types';
import { WorkingDays } from './working-days';

/** Lessons taught (消课): recorded by the institution against a contract, confirmed later by the parent or automatically. */
@Injectable()
export class LessonService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: PrepaidQueries,
    private readonly registry: RegistryFacade,
    private readonly policy: PolicyFacade,
    private readonly workingDays: WorkingDays,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Principal, input: RecordLessonsCommand): Promise<PrepaidLesson> {
    assertMayWrite(actor);
    const problems: FieldProblem[] = [];
    if (!UUID.test(input.contractId)) problems.push({ path: 'contractId', message: 'must be a contract id' });
    if (!isCalendarDate(input.taughtOn)) problems.push({ path: 'taughtOn', message: 'must be a date YYYY-MM-DD' });
    if (!Number.isInteger(input.lessons) || input.lessons < 1 || input.lessons > 100)
      problems.push({ path: 'lessons', message: 'must be a whole number 1–100' });
    if (problems.length) throw new ValidationFailed(problems);

    const seen = await this.queries.contract(actor, input.contractId);
    assertContractWriter(actor, { id: seen.institutionId, competentDepartmentCode: seen.competentDepartmentCode });
    const now = this.clock.now();
    const today = businessDate(now, this.config.timeZone);
    const bound = lessonBoundProblem({
      taughtOn: input.taughtOn,
      today,
      periodStart: seen.periodStart,
      periodEnd: seen.periodEnd,
    });
    if (bound) throw lessonDateRefused(bound);
    const [training] = await this.registry.lessonDayProblems(seen.courseId, input.taughtOn, input.lessons);
    if (training) throw lessonDateRefused(training);
    // The deadline is computed now from the rule in force and stored (ADR 0011).
    const days = await this.policy.value('prepaid.auto_confirm_working_days', now);
    const confirmDueOn = await this.workingDays.addWorkingDays(input.taughtOn, days);

    return this.dataSource.transaction(async (em) => {
      const contract = await em
        .getRepository(PrepaidContract)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: seen.id })
        .getOne();
      if (!contract) throw contractNotFound(seen.id);
      if (contract.status !== PrepaidContractStatus.ACTIVE) throw contractNotActive(contract.status);
      const left = lessonsLeft(contract.lessonsBought, contract.lessonsTaught);
      if (input.lessons > left) throw lessonsExceedBought(left, input.lessons);
      const lesson = em.create(PrepaidLesson, {
        contractId: contract.id,
        institutionId: contract.institutionId,
        taughtOn: input.taughtOn,
        lessons: input.lessons,
        recordedAt: now,
        recordedByUserId: actor.kind === 'user' ? actor.userId : null,
        recordedByName: actorName(actor),
        status: PrepaidLessonStatus.PENDING,
        confirmDueOn,
        confirmedAt: null,
        confirmedBy: null,
        objectionComplaintId: null,
        objectedAt: null,
      });
      await em.save(lesson);
      await em.update(PrepaidContract, { id: contract.id }, { lessonsTaught: contract.lessonsTaught + input.lessons });
      await this.events.publish(em, 'prepaid.lesson.recorded', {
        lessonId: lesson.id,
        contractId: contract.id,
        institutionId: contract.institutionId,
        taughtOn: lesson.taughtOn,
        lessons: lesson.lessons,
        confirmDueOn,
      });
      await this.audit.record(em, {
        actor,
        action: 'prepaid.lesson.recorded',
        entityType: 'prepaid_lesson',
        entityId: lesson.id,
        summary: { contractId: contract.id, taughtOn: lesson.taughtOn, lessons: lesson.lessons, confirmDueOn },
      });
      return lesson;
    });
  }
}
