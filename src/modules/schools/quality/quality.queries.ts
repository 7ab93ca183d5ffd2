import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { applyScope, inScope } from '../../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../../platform/graphql/pagination';
import { ReferenceFacade, schoolNotFound } from '../../reference';
import { readOptions, scopeColumns } from '../schools.access';
import { QualityResult, QualitySubject } from './quality-result.entity';
import { Band, BandShares, belowCountyBand, medianBand, passOrAbove } from './quality.rules';

export interface QualityResultFilter {
  year?: number;
  grade?: number;
  subject?: QualitySubject;
  schoolId?: string;
  townshipCode?: string;
  belowCounty?: boolean;
}

/** One year of a trend: the school's (or the county's) shares, and the county's beside them. */
export interface QualityTrendPoint extends BandShares {
  year: number;
  schoolId: string | null;
  passOrAboveRate: number;
  band: Band;
  countyPassOrAboveRate: number;
  countyBand: Band;
  /** Whether the school is below the county band that year (null for the county's own trend). */
  belowCounty: boolean | null;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** Reads of monitoring results: scoped lists and trends per school and for the county. */
@Injectable()
export class QualityQueries {
  constructor(
    @InjectRepository(QualityResult) private readonly results: Repository<QualityResult>,
    private readonly reference: ReferenceFacade,
  ) {}

  /** Results in the reader's scope (EDU and county roles all, township officers their township, a school its own). */
  list(actor: Principal, filter: QualityResultFilter, page: PageArgs): Promise<Connection<QualityResult>> {
    const qb = applyScope(this.results.createQueryBuilder('r'), actor, scopeColumns('r'), readOptions(actor));
    if (filter.year !== undefined) qb.andWhere('r.year = :year', { year: filter.year });
    if (filter.grade !== undefined) qb.andWhere('r.grade = :grade', { grade: filter.grade });
    if (filter.subject) qb.andWhere('r.subject = :subject', { subject: filter.subject });
    if (filter.schoolId) qb.andWhere('r.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter.townshipCode) qb.andWhere('r.township_code = :township', { township: filter.townshipCode });
    if (filter.belowCounty !== undefined) qb.andWhere('r.below_county = :below', { below: filter.belowCounty });
    return paginate(qb, page, {
      list: 'schools.quality-results',
      valueType: 'timestamp',
      column: 'r.recorded_at',
      value: (r) => r.recordedAt,
      tieBreaker: 'r.id',
      tieValue: (r) => r.id,
      direction: 'DESC',
    });
  }

  /**
   * The trend of one grade and subject by year: a school's (in the reader's scope, else SCHOOL_NOT_FOUND)
   * or, without a school, the county's pooled over all schools (an aggregate every reader may see).
   */
  async trend(
    actor: Principal,
    f: { grade: number; subject: QualitySubject; schoolId?: string; fromYear?: number; toYear?: number },
  ): Promise<QualityTrendPoint[]> {
    const from = f.fromYear ?? 2000;
    const to = f.toYear ?? 2100;
    const county: {
      year: number;
      assessed: string;
      excellent: string;
      good: string;
      pass: string;
      improve: string;
    }[] = await this.results.query(
      `SELECT year, sum(assessed_count) AS assessed,
         sum(excellent_pct * assessed_count) / sum(assessed_count) AS excellent,
         sum(good_pct * assessed_count) / sum(assessed_count) AS good,
         sum(pass_pct * assessed_count) / sum(assessed_count) AS pass,
         sum(improve_pct * assessed_count) / sum(assessed_count) AS improve
       FROM quality_result WHERE grade = $1 AND subject = $2 AND year BETWEEN $3 AND $4
       GROUP BY year ORDER BY year`,
      [f.grade, f.subject, from, to],
    );
    const countyByYear = new Map(
      county.map((c) => [
        c.year,
        {
          assessedCount: Number(c.assessed),
          excellentPct: Number(c.excellent),
          goodPct: Number(c.good),
          passPct: Number(c.pass),
          improvePct: Number(c.improve),
        } satisfies BandShares,
      ]),
    );
    const point = (year: number, schoolId: string | null, s: BandShares): QualityTrendPoint => {
      const c = countyByYear.get(year)!;
      return {
        year,
        schoolId,
        assessedCount: s.assessedCount,
        excellentPct: round1(s.excellentPct),
        goodPct: round1(s.goodPct),
        passPct: round1(s.passPct),
        improvePct: round1(s.improvePct),
        passOrAboveRate: passOrAbove(s),
        band: medianBand(s),
        countyPassOrAboveRate: passOrAbove(c),
        countyBand: medianBand(c),
        belowCounty: schoolId ? belowCountyBand(s, c) : null,
      };
    };
    if (!f.schoolId) return [...countyByYear.entries()].map(([year, c]) => point(year, null, c));
    const qb = applyScope(
      this.results
        .createQueryBuilder('r')
        .where('r.school_id = :schoolId AND r.grade = :grade AND r.subject = :subject', f)
        .andWhere('r.year BETWEEN :from AND :to', { from, to }),
      actor,
      scopeColumns('r'),
      readOptions(actor),
    ).orderBy('r.year');
    const rows = await qb.getMany();
    if (rows.length === 0 && !(await this.schoolInScope(actor, f.schoolId))) throw schoolNotFound(f.schoolId);
    return rows.map((r) => point(r.year, r.schoolId, r));
  }

  /** Whether the reader may read the school's results at all (an empty trend, not "not found", for a school in scope). */
  private async schoolInScope(actor: Principal, schoolId: string): Promise<boolean> {
    const [school] = await this.reference.schoolsByIds([schoolId]);
    return !!school && inScope(actor, { school: school.id, township: school.townshipCode }, readOptions(actor));
  }
}
