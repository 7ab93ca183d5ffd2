import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { ANONYMOUS, Principal, systemPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { decrypt } from '../../platform/crypto/crypto';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { ComplaintCategory, ComplaintChannel, ComplaintsFacade } from '../complaints';
import { PolicyFacade } from '../policy';
import { PrepaidContract, PrepaidContractStatus } from './entities/prepaid-contract.entity';
import { PrepaidConfirmedBy, PrepaidLesson, PrepaidLessonStatus } from './entities/prepaid-lesson.entity';
import { contractNotFound, lessonNotFound, lessonNotPending } from './prepaid.errors';
import { text } from '../../platform/i18n/text';

/** The parent (家长端, no account): the caller has proven the contract code and the second factor. */
const PARENT: Principal = ANONYMOUS;
const AUTO = systemPrincipal('prepaid.auto-confirm');
/** Due lessons confirmed per transaction by the auto-confirm. */
export const AUTO_CONFIRM_BATCH = 1000;

/**
 * Confirmations (课时确认): the parent confirms lessons or objects to one (a complaint opens, routed as
 * prepaid-fee complaints are); lessons left unanswered are confirmed automatically on their stored
 * confirm_due_on (the auto-confirm task).
 */
@Injectable()
export class ConfirmationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsFacade,
    private readonly policy: PolicyFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The parent confirms PENDING lessons of the contract; all or nothing. In its own transaction, or in the
   * caller's (`em`: a platform batch); every refusal is thrown before anything is written.
   */
  async confirm(
    contractId: string,
    lessonIds: readonly string[],
    by: 'PARENT' = 'PARENT',
    em?: EntityManager,
  ): Promise<PrepaidLesson[]> {
    const ids = [...new Set(lessonIds)];
    if (ids.length === 0 || ids.length > 200 || !ids.every((id) => UUID.test(id)))
      throw new ValidationFailed([
        { path: 'lessonIds', message: text('must be 1–200 lesson record ids', '须为 1–200 个课消记录 id') },
      ]);
    const now = this.clock.now();
    const work = async (em: EntityManager): Promise<PrepaidLesson[]> => {
      const contract = await this.lockContract(em, contractId);
      const lessons = await em.getRepository(PrepaidLesson).find({
        where: { id: In(ids), contractId: contract.id },
        lock: { mode: 'pessimistic_write' },
      });
      for (const id of ids) if (!lessons.some((l) => l.id === id)) throw lessonNotFound(id);
      for (const l of lessons) if (l.status !== PrepaidLessonStatus.PENDING) throw lessonNotPending(l.id, l.status);
      await em.update(
        PrepaidLesson,
        { id: In(ids) },
        { status: PrepaidLessonStatus.CONFIRMED, confirmedAt: now, confirmedBy: PrepaidConfirmedBy.PARENT },
      );
      const count = lessons.reduce((n, l) => n + l.lessons, 0);
      await this.addConfirmed(em, [{ contractId: contract.id, lessons: count }]);
      await this.events.publish(em, 'prepaid.lesson.confirmed', {
        contractId: contract.id,
        institutionId: contract.institutionId,
        lessonIds: ids,
        lessons: count,
        by,
      });
      await this.audit.record(em, {
        actor: PARENT,
        action: 'prepaid.lesson.confirmed',
        entityType: 'prepaid_contract',
        entityId: contract.id,
        summary: { lessonIds: ids, lessons: count, by },
      });
      return em.getRepository(PrepaidLesson).findBy({ id: In(ids) });
    };
    return em ? work(em) : this.dataSource.transaction(work);
  }

  /**
   * The parent objects to a PENDING lesson record: it stops counting (OBJECTED, the lessons may be
   * recorded again) and a complaint opens in the same transaction, routed as prepaid-fee complaints
   * (PREPAID_FEE_REFUND), with the payer as the contact and the contract named.
   */
  async object(contractId: string, lessonId: string, reason: string): Promise<PrepaidLesson> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 1000)
      throw new ValidationFailed([
        { path: 'reason', message: text('must be 1–1000 characters', '须为 1–1000 个字符') },
      ]);
    if (!UUID.test(lessonId)) throw lessonNotFound(lessonId);
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, contractId);
      const lesson = await em
        .getRepository(PrepaidLesson)
        .findOne({ where: { id: lessonId, contractId: contract.id }, lock: { mode: 'pessimistic_write' } });
      if (!lesson) throw lessonNotFound(lessonId);
      if (lesson.status !== PrepaidLessonStatus.PENDING) throw lessonNotPending(lesson.id, lesson.status);
      const key = this.config.security.encryptionKey;
      const complaint = await this.complaints.openIn(
        em,
        PARENT,
        {
          category: ComplaintCategory.PREPAID_FEE_REFUND,
          description: `家长对消课记录提出异议 (预付费合同 ${contract.id}, ${lesson.taughtOn} ${lesson.lessons} 课时): ${why}`,
          institutionId: contract.institutionId,
          contactName: decrypt(key, contract.payerNameEnc),
          contactPhone: decrypt(key, contract.payerPhoneEnc),
        },
        ComplaintChannel.ONLINE,
      );
      lesson.status = PrepaidLessonStatus.OBJECTED;
      lesson.objectionComplaintId = complaint.id;
      lesson.objectedAt = now;
      await em.save(lesson);
      await em.query(`UPDATE prepaid_contract SET lessons_taught = lessons_taught - $2 WHERE id = $1`, [
        contract.id,
        lesson.lessons,
      ]);
      await this.events.publish(em, 'prepaid.lesson.objected', {
        lessonId: lesson.id,
        contractId: contract.id,
        institutionId: contract.institutionId,
        complaintId: complaint.id,
      });
      await this.audit.record(em, {
        actor: PARENT,
        action: 'prepaid.lesson.objected',
        entityType: 'prepaid_lesson',
        entityId: lesson.id,
        summary: { contractId: contract.id, complaintId: complaint.id, trackingNumber: complaint.trackingNumber },
      });
      return lesson;
    });
  }

  /**
   * Confirms every PENDING lesson whose stored confirm_due_on is on or before today's business date, in
   * batches of AUTO_CONFIRM_BATCH: one set-based UPDATE … RETURNING per batch over idx_prepaid_lesson_due,
   * so the work follows the due rows, not the table. Idempotent: a confirmed row is no longer PENDING.
   * Returns the number of lesson records confirmed.
   */
  async autoConfirmDue(now: Date = this.clock.now()): Promise<number> {
    const today = businessDate(now, this.config.timeZone);
    const threshold = await this.policy.value('prepaid.auto_confirms_after_objection', now);
    let total = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (em) => {
        const rows = (await em.query(
          `WITH due AS (
             SELECT id FROM prepaid_lesson WHERE status = 'PENDING' AND confirm_due_on <= $1::date
             ORDER BY confirm_due_on, id LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE prepaid_lesson l SET status = 'CONFIRMED', confirmed_at = $3, confirmed_by = 'AUTO'
           FROM due WHERE l.id = due.id
           RETURNING l.id, l.contract_id, l.institution_id, l.lessons`,
          [today, AUTO_CONFIRM_BATCH, now],
        )) as unknown[];
        // An UPDATE answers [rows, count] through the query runner (a SELECT answers rows).
        const confirmed = (Array.isArray(rows[0]) ? rows[0] : rows) as {
          id: string;
          contract_id: string;
          institution_id: string;
          lessons: number;
        }[];
        const byContract = new Map<string, { institutionId: string; lessonIds: string[]; lessons: number }>();
        for (const r of confirmed) {
          const c = byContract.get(r.contract_id) ?? { institutionId: r.institution_id, lessonIds: [], lessons: 0 };
          c.lessonIds.push(r.id);
          c.lessons += r.lessons;
          byContract.set(r.contract_id, c);
        }
        await this.addConfirmed(
          em,
          [...byContract].map(([contractId, c]) => ({ contractId, lessons: c.lessons })),
        );
        for (const [contractId, c] of byContract) {
          await this.events.publish(em, 'prepaid.lesson.confirmed', { contractId, ...c, by: 'AUTO' });
          await this.audit.record(em, {
            actor: AUTO,
            action: 'prepaid.lesson.confirmed',
            entityType: 'prepaid_contract',
            entityId: contractId,
            summary: { lessonIds: c.lessonIds, lessons: c.lessons, by: 'AUTO' },
          });
        }
        await this.reportOverriddenObjections(em, [...byContract.keys()], threshold, now);
        return confirmed.length;
      });
      total += done;
      if (done < AUTO_CONFIRM_BATCH) return total;
    }
  }

  /**
   * Contracts on which the parent objected and, since the first objection, at least `threshold` lesson
   * records were confirmed automatically (the parent keeps not confirming): reported once per contract as
   * prepaid.objections.overridden, which the credit module records (一课一消 信用).
   */
  private async reportOverriddenObjections(
    em: EntityManager,
    contractIds: string[],
    threshold: number,
    now: Date,
  ): Promise<void> {
    if (contractIds.length === 0) return;
    const rows = (await em.query(
      `SELECT o.contract_id, o.institution_id, o.objections, count(a.id)::int AS auto_confirmed,
              count(a.id) FILTER (WHERE a.confirmed_at < $3)::int AS before
       FROM (SELECT contract_id, min(institution_id::text)::uuid AS institution_id, min(objected_at) AS first_objection,
                    count(*)::int AS objections
             FROM prepaid_lesson WHERE contract_id = ANY($1::uuid[]) AND status = 'OBJECTED' GROUP BY contract_id) o
       JOIN prepaid_lesson a ON a.contract_id = o.contract_id AND a.confirmed_by = 'AUTO' AND a.recorded_at > o.first_objection
       GROUP BY o.contract_id, o.institution_id, o.objections
       HAVING count(a.id) >= $2`,
      [contractIds, threshold, now],
    )) as { contract_id: string; institution_id: string; objections: number; auto_confirmed: number; before: number }[];
    for (const r of rows) {
      if (r.before >= threshold) continue; // already reported by an earlier run
      await this.events.publish(em, 'prepaid.objections.overridden', {
        contractId: r.contract_id,
        institutionId: r.institution_id,
        objections: r.objections,
        autoConfirmedAfterObjection: r.auto_confirmed,
      });
    }
  }

  private async lockContract(em: EntityManager, contractId: string): Promise<PrepaidContract> {
    if (!UUID.test(contractId)) throw contractNotFound(contractId);
    const contract = await em
      .getRepository(PrepaidContract)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id: contractId })
      .getOne();
    if (!contract) throw contractNotFound(contractId);
    return contract;
  }

  /** Adds confirmed lessons to the contracts' counters; a contract whose lessons are all confirmed is COMPLETED. */
  private async addConfirmed(em: EntityManager, rows: { contractId: string; lessons: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE prepaid_contract c
       SET lessons_confirmed = c.lessons_confirmed + s.n,
           status = CASE WHEN c.status = '${PrepaidContractStatus.ACTIVE}' AND c.lessons_confirmed + s.n >= c.lessons_bought
                         THEN '${PrepaidContractStatus.COMPLETED}' ELSE c.status END
       FROM unnest($1::uuid[], $2::int[]) AS s(id, n) WHERE c.id = s.id`,
      [rows.map((r) => r.contractId), rows.map((r) => r.lessons)],
    );
  }
}
