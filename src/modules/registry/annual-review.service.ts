import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { AnnualReviewChecklist, ChecklistItem } from './entities/annual-review-checklist.entity';
import { AnnualReview, AnnualReviewResult } from './entities/annual-review.entity';
import { Licensing } from './licensing';
import { RecordChanges } from './record-changes';
import { annualReviewExists, checklistMissing } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { text } from '../../platform/i18n/text';

/** The annual review (年审年检): the scored checklist of a year, and an institution scored against it. */
@Injectable()
export class AnnualReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: RegistryQueries,
    private readonly changes: RecordChanges,
    private readonly licensing: Licensing,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** Annual reviews of institutions already scoped by the caller, newest year first. */
  reviewsOf(ids: readonly string[]): Promise<AnnualReview[]> {
    return this.queries.reviewsOf(ids);
  }

  checklist(year: number): Promise<AnnualReviewChecklist | null> {
    return this.queries.checklist(year);
  }

  async setChecklist(
    actor: Principal,
    year: number,
    items: ChecklistItem[],
    passScore: number,
    basicPassScore: number,
  ): Promise<AnnualReviewChecklist> {
    await this.licensing.assertCanCommand(actor);
    const problems = new Problems();
    const codes = new Set<string>();
    items.forEach((item, n) => {
      if (codes.has(item.code))
        problems.add(`items[${n}].code`, text(`code ${item.code} appears twice`, `代码 ${item.code} 重复出现`));
      codes.add(item.code);
    });
    const max = items.reduce((sum, x) => sum + x.maxScore, 0);
    if (items.length === 0) problems.add('items', text('a checklist needs at least one item', '年检清单至少须有一项'));
    if (passScore > max)
      problems.add('passScore', text(`is above the checklist's maximum (${max})`, `超过清单满分（${max}）`));
    if (basicPassScore > passScore)
      problems.add('basicPassScore', text('must not be above passScore', '不能高于 passScore'));
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const c = em
        .getRepository(AnnualReviewChecklist)
        .create({ year, items, passScore, basicPassScore, updatedAt: this.clock.now() });
      await em.getRepository(AnnualReviewChecklist).save(c);
      await this.audit.record(em, {
        actor,
        action: 'registry.annual_review.checklist_set',
        entityType: 'annual_review_checklist',
        entityId: String(year),
        summary: { items: items.length, max, passScore, basicPassScore },
      });
      return c;
    });
  }

  /** Scores an institution against the year's checklist: PASS ≥ passScore, BASIC_PASS ≥ basicPassScore, else FAIL. */
  async recordAnnualReview(
    actor: Principal,
    institutionId: string,
    year: number,
    scores: { code: string; score: number }[],
    remarks: string | null,
  ): Promise<AnnualReview> {
    const checklist = await this.queries.checklist(year);
    if (!checklist) throw checklistMissing(year);
    const given = new Map(scores.map((s) => [s.code, s.score]));
    const problems = new Problems();
    if (given.size !== scores.length) problems.add('scores', text('an item is scored twice', '有检查项重复评分'));
    for (const code of given.keys())
      if (!checklist.items.some((it) => it.code === code))
        problems.add('scores', text(`${code} is not on the ${year} checklist`, `${code} 不在 ${year} 年度年检清单中`));
    for (const it of checklist.items) {
      const v = given.get(it.code);
      if (v === undefined)
        problems.add('scores', text(`${it.code} (${it.title}) is not scored`, `${it.code}（${it.title}）未评分`));
      else if (!Number.isInteger(v) || v < 0 || v > it.maxScore)
        problems.add(
          'scores',
          text(
            `${it.code} scores 0 to ${it.maxScore}, not ${v}`,
            `${it.code} 的得分须在 0 到 ${it.maxScore} 之间，不能为 ${v}`,
          ),
        );
    }
    problems.throwIfAny();
    const score = [...given.values()].reduce((a, b) => a + b, 0);
    const result =
      score >= checklist.passScore
        ? AnnualReviewResult.PASS
        : score >= checklist.basicPassScore
          ? AnnualReviewResult.BASIC_PASS
          : AnnualReviewResult.FAIL;
    return this.changes.change(actor, institutionId, async (em, i) => {
      if (await em.getRepository(AnnualReview).existsBy({ institutionId: i.id, year })) throw annualReviewExists(year);
      const r = em.getRepository(AnnualReview).create({
        institutionId: i.id,
        year,
        scores: Object.fromEntries(given),
        score,
        result,
        remarks,
        reviewedBy: actor.kind === 'user' ? actor.username : actor.kind,
        createdAt: this.clock.now(),
      });
      await em.getRepository(AnnualReview).insert(r);
      await this.audit.record(em, {
        actor,
        action: 'registry.annual_review.completed',
        entityType: 'annual_review',
        entityId: r.id,
        summary: { institutionId: i.id, year, score, result },
      });
      await this.events.publish(em, 'registry.annual_review.completed', { institutionId: i.id, year, result, score });
      return r;
    });
  }
}
