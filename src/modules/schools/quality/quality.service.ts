import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal, actorName } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher } from '../../../platform/events';
import { text } from '../../../platform/i18n/text';
import { ReferenceFacade, schoolNotFound } from '../../reference';
import { assertEdu } from '../schools.access';
import { qualityRoundEmpty, qualityRoundPublished } from '../schools.errors';
import { QualityResult, QualitySubject } from './quality-result.entity';
import { BandShares, belowCountyBand, gradesOf, medianBand, pooledShares, shareProblems } from './quality.rules';

export interface RecordQualityResultCommand extends BandShares {
  schoolId: string;
  year: number;
  grade: number;
  subject: QualitySubject;
}

export interface PublishedRound {
  year: number;
  grade: number;
  publishedAt: Date;
  schools: number;
  flaggedSchoolIds: string[];
}

/** Recording into a round and publishing it take turns (a result recorded while publishing would miss the county band). */
const lockRound = (em: EntityManager, year: number, grade: number): Promise<unknown> =>
  em.query(`SELECT pg_advisory_xact_lock(hashtext('schools.quality_round'), $1)`, [year * 100 + grade]);

const RECORD = text('records academic quality monitoring results', '录入学业质量监测结果');
const PUBLISH = text('publishes academic quality monitoring rounds', '发布学业质量监测结果');

/**
 * Academic quality monitoring (学业质量监测): the Education Bureau records each school's band shares per
 * year, grade and subject, then publishes the round, which computes the county's band per subject and
 * flags the schools below it (one schools.quality.below_county event per school and round).
 */
@Injectable()
export class QualityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** Records (or corrects, while the round is open) a school's result; the same key replaces the shares. */
  async record(actor: Principal, c: RecordQualityResultCommand): Promise<QualityResult> {
    assertEdu(actor, RECORD);
    const problems = new Problems();
    for (const p of shareProblems(c)) problems.add(p.path.replace(/Pct$/, 'Percent'), p.message);
    const thisYear = Number(this.clock.now().toISOString().slice(0, 4));
    if (c.year > thisYear) problems.add('year', text(`must not be after ${thisYear}`, `不得晚于${thisYear}年`));
    const [school] = await this.reference.schoolsByIds([c.schoolId]);
    if (!school) throw schoolNotFound(c.schoolId);
    const [from, to] = gradesOf(school.stage);
    if (c.grade < from || c.grade > to)
      problems.add(
        'grade',
        text(`must be a grade the school teaches (${from}–${to})`, `须为该校开设的年级（${from}–${to}）`),
      );
    problems.throwIfAny();
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      await lockRound(em, c.year, c.grade);
      const published: unknown[] = await em.query(`SELECT 1 FROM quality_round WHERE year = $1 AND grade = $2`, [
        c.year,
        c.grade,
      ]);
      if (published.length) throw qualityRoundPublished(c.year, c.grade);
      const [row] = (await em.query(
        `INSERT INTO quality_result (school_id, township_code, year, grade, subject, assessed_count, excellent_pct, good_pct, pass_pct, improve_pct, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (school_id, year, grade, subject) DO UPDATE SET assessed_count = EXCLUDED.assessed_count,
           excellent_pct = EXCLUDED.excellent_pct, good_pct = EXCLUDED.good_pct, pass_pct = EXCLUDED.pass_pct,
           improve_pct = EXCLUDED.improve_pct, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
         RETURNING id`,
        [
          school.id,
          school.townshipCode,
          c.year,
          c.grade,
          c.subject,
          c.assessedCount,
          c.excellentPct,
          c.goodPct,
          c.passPct,
          c.improvePct,
          actorName(actor),
          now,
        ],
      )) as { id: string }[];
      const id = row!.id;
      await this.audit.record(em, {
        actor,
        action: 'schools.quality.result_recorded',
        entityType: 'quality_result',
        entityId: id,
        summary: { ...c },
      });
      await this.events.publish(em, 'schools.quality.result_recorded', {
        resultId: id,
        schoolId: school.id,
        townshipCode: school.townshipCode,
        year: c.year,
        grade: c.grade,
        subject: c.subject,
      });
      return em.getRepository(QualityResult).findOneByOrFail({ id });
    });
  }

  /**
   * Publishes a round (year and grade): per subject the county's shares pooled over the schools'
   * assessed students, each school marked below or not (its median band lower than the county's), the
   * round frozen, and one below_county event per flagged school. Publishing twice is a conflict.
   */
  async publishRound(actor: Principal, year: number, grade: number): Promise<PublishedRound> {
    assertEdu(actor, PUBLISH);
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      await lockRound(em, year, grade);
      const inserted: unknown[] = await em.query(
        `INSERT INTO quality_round (year, grade, published_by, published_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (year, grade) DO NOTHING RETURNING year`,
        [year, grade, actorName(actor), now],
      );
      if (inserted.length === 0) throw qualityRoundPublished(year, grade);
      const results = await em
        .getRepository(QualityResult)
        .createQueryBuilder('r')
        .where('r.year = :year AND r.grade = :grade', { year, grade })
        .orderBy('r.school_id')
        .addOrderBy('r.subject')
        .getMany();
      if (results.length === 0) throw qualityRoundEmpty(year, grade);
      const bySubject = new Map<string, QualityResult[]>();
      for (const r of results) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
      const flagged = new Map<string, QualityResult[]>();
      const below: string[] = [];
      const notBelow: string[] = [];
      for (const [, rows] of bySubject) {
        const county = pooledShares(rows)!;
        for (const r of rows) {
          if (belowCountyBand(r, county)) {
            below.push(r.id);
            flagged.set(r.schoolId, [...(flagged.get(r.schoolId) ?? []), r]);
          } else notBelow.push(r.id);
        }
      }
      if (below.length)
        await em.query(`UPDATE quality_result SET below_county = true WHERE id = ANY($1::uuid[])`, [below]);
      if (notBelow.length)
        await em.query(`UPDATE quality_result SET below_county = false WHERE id = ANY($1::uuid[])`, [notBelow]);
      const schoolIds = [...new Set(results.map((r) => r.schoolId))];
      const flaggedSchoolIds = [...flagged.keys()];
      await this.audit.record(em, {
        actor,
        action: 'schools.quality.round_published',
        entityType: 'quality_round',
        entityId: `${year}:${grade}`,
        summary: { year, grade, schools: schoolIds.length, flaggedSchoolIds },
      });
      await this.events.publish(em, 'schools.quality.round_published', {
        year,
        grade,
        schools: schoolIds.length,
        flaggedSchoolIds,
      });
      const names = new Map((await this.reference.schoolsByIds(flaggedSchoolIds)).map((s) => [s.id, s.name]));
      for (const [schoolId, rows] of flagged) {
        await this.events.publish(em, 'schools.quality.below_county', {
          schoolId,
          schoolName: names.get(schoolId) ?? schoolId,
          townshipCode: rows[0]!.townshipCode,
          year,
          grade,
          subjects: rows.map((r) => ({
            subject: r.subject,
            schoolBand: medianBand(r),
            countyBand: medianBand(pooledShares(bySubject.get(r.subject)!)!),
          })),
        });
      }
      return { year, grade, publishedAt: now, schools: schoolIds.length, flaggedSchoolIds };
    });
  }
}
