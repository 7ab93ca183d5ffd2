import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditEntry, AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { DomainError, FieldProblem, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPayload, EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { PolicyFacade } from '../policy';
import { RegistryFacade } from '../registry';
import { lessonBoundProblem, lessonsLeft } from './contract-rules';
import { PrepaidContract, PrepaidContractStatus } from './entities/prepaid-contract.entity';
import { PrepaidLesson, PrepaidLessonStatus } from './entities/prepaid-lesson.entity';
import { assertContractWriter, assertMayWrite, contractScope } from './prepaid.access';
import { contractNotActive, contractNotFound, lessonDateRefused, lessonsExceedBought } from './prepaid.errors';
import { RecordLessonsCommand } from './prepaid.types';
import { WorkingDays } from './working-days';
import { Problems } from '../../platform/errors/problems';
import { MUST_BE_DATE } from '../../platform/i18n/field-texts';
import { text } from '../../platform/i18n/text';

/** A lesson record's answer in a batch: the record stored, or the refusal (the same error the single call throws). */
export type LessonRecordOutcome = PrepaidLesson | DomainError;

/** The input's own problems (before any lookup). */
function inputProblems(input: RecordLessonsCommand): FieldProblem[] {
  const problems = new Problems();
  if (!UUID.test(input.contractId)) problems.add('contractId', text('must be a contract id', '须为合同 id'));
  if (!isCalendarDate(input.taughtOn)) problems.add('taughtOn', MUST_BE_DATE);
  if (!Number.isInteger(input.lessons) || input.lessons < 1 || input.lessons > 100)
    problems.add('lessons', text('must be a whole number 1–100', '须为 1–100 的整数'));
  return [...problems.list];
}

/**
 * Lessons taught (消课): recorded by the institution against a contract, confirmed later by the parent or
 * automatically. One rule path for one record (GraphQL) and for a batch (the platform interface):
 * `recordIn` works in the caller's transaction with set-based reads (the contracts locked in one
 * statement, the courses in one, the calendar of the batch's dates in one, the rule values once), checks
 * each record in memory in order (a later record of a contract sees the lessons the earlier ones took),
 * and writes the accepted ones with one multi-row INSERT, one counter UPDATE, one outbox INSERT and one
 * audit INSERT.
 */
@Injectable()
export class LessonService {
  constructor(
    private readonly dataSource: DataSource,
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
    const problems = inputProblems(input);
    if (problems.length) throw new ValidationFailed(problems);
    const [outcome] = await this.dataSource.transaction((em) => this.recordIn(em, actor, [input]));
    if (outcome instanceof DomainError) throw outcome;
    return outcome!;
  }

  /**
   * Records lesson records in the caller's transaction, answering each in order with the record stored or
   * its refusal (nothing is written for a refused one). Refusals, in the order the rules are checked:
   * VALIDATION_FAILED, PREPAID_CONTRACT_NOT_FOUND (also out of scope), the writer rule, the contract's own
   * bounds and the course's training time (PREPAID_LESSON_DATE_REFUSED), PREPAID_CONTRACT_NOT_ACTIVE,
   * PREPAID_LESSONS_EXCEED_BOUGHT. The named contracts stay locked until the caller's transaction ends.
   */
  async recordIn(
    em: EntityManager,
    actor: Principal,
    inputs: readonly RecordLessonsCommand[],
  ): Promise<LessonRecordOutcome[]> {
    assertMayWrite(actor);
    const now = this.clock.now();
    const today = businessDate(now, this.config.timeZone);
    const ids = [...new Set(inputs.map((i) => i.contractId).filter((id) => UUID.test(id)))].sort();
    const contracts = new Map((await this.lockContracts(em, actor, ids)).map((c) => [c.id, c]));

    // The rules that need no other read: the input, the contract, the writer, the contract's bounds.
    const outcomes: (LessonRecordOutcome | undefined)[] = inputs.map((input) => {
      const problems = inputProblems(input);
      if (problems.length) return new ValidationFailed(problems);
      const contract = contracts.get(input.contractId);
      if (!contract) return contractNotFound(input.contractId);
      try {
        assertContractWriter(actor, {
          id: contract.institutionId,
          competentDepartmentCode: contract.competentDepartmentCode,
        });
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      const bound = lessonBoundProblem({
        taughtOn: input.taughtOn,
        today,
        periodStart: contract.periodStart,
        periodEnd: contract.periodEnd,
      });
      return bound ? lessonDateRefused(bound) : undefined;
    });
    const open = inputs.filter((_, k) => outcomes[k] === undefined);
    if (open.length === 0) return outcomes as LessonRecordOutcome[];

    // What is the same for every record: the rule in force now, the calendar of the dates, the courses.
    // The deadline is computed now from the rule in force and stored (ADR 0011).
    const days = await this.policy.value('prepaid.auto_confirm_working_days', now);
    const dates = open.map((i) => i.taughtOn).sort();
    const calendar = await this.workingDays.calendarFor(dates[0]!, dates[dates.length - 1]!, days);
    const trainingProblems = await this.registry.lessonDayChecker(
      open.map((i) => contracts.get(i.contractId)!.courseId),
      calendar.periods,
    );

    const taught = new Map([...contracts.values()].map((c) => [c.id, c.lessonsTaught]));
    const recordedByName = actorName(actor);
    const lessons: PrepaidLesson[] = [];
    for (const [k, input] of inputs.entries()) {
      if (outcomes[k] !== undefined) continue;
      const contract = contracts.get(input.contractId)!;
      const [training] = trainingProblems(contract.courseId, input.taughtOn, input.lessons);
      if (training) {
        outcomes[k] = lessonDateRefused(training);
        continue;
      }
      if (contract.status !== PrepaidContractStatus.ACTIVE) {
        outcomes[k] = contractNotActive(contract.status);
        continue;
      }
      const left = lessonsLeft(contract.lessonsBought, taught.get(contract.id)!);
      if (input.lessons > left) {
        outcomes[k] = lessonsExceedBought(left, input.lessons);
        continue;
      }
      taught.set(contract.id, taught.get(contract.id)! + input.lessons);
      const lesson = em.create(PrepaidLesson, {
        contractId: contract.id,
        institutionId: contract.institutionId,
        taughtOn: input.taughtOn,
        lessons: input.lessons,
        recordedAt: now,
        recordedByUserId: actor.kind === 'user' ? actor.userId : null,
        recordedByName,
        status: PrepaidLessonStatus.PENDING,
        confirmDueOn: await calendar.addWorkingDays(input.taughtOn),
        confirmedAt: null,
        confirmedBy: null,
        objectionComplaintId: null,
        objectedAt: null,
      });
      lessons.push(lesson);
      outcomes[k] = lesson;
    }
    if (lessons.length > 0) await this.write(em, actor, lessons, contracts, taught);
    return outcomes as LessonRecordOutcome[];
  }

  /** The contracts the actor may see among `ids`, locked in id order (so two batches cannot deadlock). */
  private lockContracts(em: EntityManager, actor: Principal, ids: string[]): Promise<PrepaidContract[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const qb = em
      .getRepository(PrepaidContract)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id IN (:...ids)', { ids })
      .orderBy('c.id');
    applyScope(qb, actor, contractScope('c'));
    return qb.getMany();
  }

  /** The accepted records, the contracts' counters, their events and audit rows: one statement each. */
  private async write(
    em: EntityManager,
    actor: Principal,
    lessons: PrepaidLesson[],
    contracts: Map<string, PrepaidContract>,
    taught: Map<string, number>,
  ): Promise<void> {
    await em.createQueryBuilder().insert().into(PrepaidLesson).values(lessons).execute();
    const changed = [...new Set(lessons.map((l) => l.contractId))];
    await em.query(
      `UPDATE prepaid_contract c SET lessons_taught = s.n FROM unnest($1::uuid[], $2::int[]) AS s(id, n) WHERE c.id = s.id`,
      [changed, changed.map((id) => taught.get(id)!)],
    );
    await this.events.publishMany(
      em,
      lessons.map((lesson) => ({
        name: 'prepaid.lesson.recorded' as const,
        payload: {
          lessonId: lesson.id,
          contractId: lesson.contractId,
          institutionId: contracts.get(lesson.contractId)!.institutionId,
          taughtOn: lesson.taughtOn,
          lessons: lesson.lessons,
          confirmDueOn: lesson.confirmDueOn,
        } satisfies EventPayload<'prepaid.lesson.recorded'>,
      })),
    );
    await this.audit.recordMany(
      em,
      lessons.map((lesson): AuditEntry => ({
        actor,
        action: 'prepaid.lesson.recorded',
        entityType: 'prepaid_lesson',
        entityId: lesson.id,
        summary: {
          contractId: lesson.contractId,
          taughtOn: lesson.taughtOn,
          lessons: lesson.lessons,
          confirmDueOn: lesson.confirmDueOn,
        },
      })),
    );
  }
}
