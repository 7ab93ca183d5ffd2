import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AnnualReviewChecklist } from './entities/annual-review-checklist.entity';
import { AnnualReview } from './entities/annual-review.entity';
import { Course } from './entities/course.entity';
import { Institution, InstitutionStatus } from './entities/institution.entity';
import { Premises } from './entities/premises.entity';
import { Staff } from './entities/staff.entity';
import { TrainingMaterial } from './entities/training-material.entity';

/** A LIKE/ILIKE pattern containing `s` literally (its wildcards escaped). */
export const like = (s: string): string => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The registry's reads of an institution's records, in one place: the services orchestrate and write
 * inside their transactions; these look rows up outside one (by institution ids already scoped by the
 * caller, or by a record's id before the change is authorised and locked), and the index-backed counts
 * of institutions for the dashboard (through RegistryFacade).
 */
@Injectable()
export class RegistryQueries {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Institution) private readonly institutions: Repository<Institution>,
  ) {}

  premisesOf(ids: readonly string[]): Promise<Premises[]> {
    return this.dataSource
      .getRepository(Premises)
      .find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  staffOf(ids: readonly string[]): Promise<Staff[]> {
    return this.dataSource
      .getRepository(Staff)
      .find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  coursesOf(ids: readonly string[]): Promise<Course[]> {
    return this.dataSource
      .getRepository(Course)
      .find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  materialsOf(ids: readonly string[]): Promise<TrainingMaterial[]> {
    return this.dataSource
      .getRepository(TrainingMaterial)
      .find({ where: { institutionId: In([...ids]) }, order: { submittedAt: 'DESC' } });
  }

  reviewsOf(ids: readonly string[]): Promise<AnnualReview[]> {
    return this.dataSource
      .getRepository(AnnualReview)
      .find({ where: { institutionId: In([...ids]) }, order: { year: 'DESC' } });
  }

  checklist(year: number): Promise<AnnualReviewChecklist | null> {
    return this.dataSource.getRepository(AnnualReviewChecklist).findOneBy({ year });
  }

  premisesById(id: string): Promise<Premises | null> {
    return this.dataSource.getRepository(Premises).findOneBy({ id });
  }

  staffById(id: string): Promise<Staff | null> {
    return this.dataSource.getRepository(Staff).findOneBy({ id });
  }

  courseById(id: string): Promise<Course | null> {
    return this.dataSource.getRepository(Course).findOneBy({ id });
  }

  materialById(id: string): Promise<TrainingMaterial | null> {
    return this.dataSource.getRepository(TrainingMaterial).findOneBy({ id });
  }

  async listOperatingInstitutionIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.institutions
      .createQueryBuilder('i')
      .select('i.id', 'id')
      .where('i.status = :status', { status: InstitutionStatus.OPERATING })
      .orderBy('i.id')
      .getRawMany();
    return rows.map((r) => r.id);
  }

  /** Dashboard: operating institutions per category (index idx_institution_township_status / idx_institution_status). */
  async countOperatingByCategory(townshipCode?: string): Promise<{ category: string; count: number }[]> {
    const qb = this.institutions
      .createQueryBuilder('i')
      .select('i.category', 'category')
      .addSelect('count(*)::int', 'count')
      .where('i.status = :status', { status: InstitutionStatus.OPERATING })
      .groupBy('i.category')
      .orderBy('i.category');
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb.getRawMany();
  }

  /**
   * Dashboard (两个全覆盖): operating institutions per township, and of them those with party organisation
   * coverage (党的组织覆盖) and party work coverage (党的工作覆盖). One query over
   * idx_institution_township_status / idx_institution_status. County-wide, or one township's.
   */
  async countPartyCoverageByTownship(
    townshipCode?: string,
  ): Promise<{ townshipCode: string; operating: number; organisationCovered: number; workCovered: number }[]> {
    const qb = this.institutions
      .createQueryBuilder('i')
      .select('i.township_code', 'townshipCode')
      .addSelect('count(*)::int', 'operating')
      .addSelect('(count(*) FILTER (WHERE i.party_organisation_covered))::int', 'organisationCovered')
      .addSelect('(count(*) FILTER (WHERE i.party_work_covered))::int', 'workCovered')
      .where('i.status = :status', { status: InstitutionStatus.OPERATING })
      .groupBy('i.township_code')
      .orderBy('i.township_code');
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb.getRawMany();
  }

  /** Ids of the operating institutions of a township (all when none given), for other modules' coverage counts. */
  async listOperatingInstitutionIdsIn(townshipCode?: string, createdBefore?: Date): Promise<string[]> {
    const qb = this.institutions
      .createQueryBuilder('i')
      .select('i.id', 'id')
      .where('i.status = :status', { status: InstitutionStatus.OPERATING });
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    if (createdBefore) qb.andWhere('i.created_at < :before', { before: createdBefore });
    return ((await qb.getRawMany()) as { id: string }[]).map((r) => r.id);
  }

  /**
   * Dashboard trend: for-profit subject institutions remaining at an instant, approximated from the
   * current record: entered before it, and either still remaining or last changed (closed) after it.
   */
  async countSubjectInstitutionsRemainingAt(at: Date, townshipCode?: string): Promise<number> {
    const qb = this.institutions
      .createQueryBuilder('i')
      .where(`i.category = 'SUBJECT' AND i.legal_form = 'FOR_PROFIT' AND i.created_at < :at`, { at })
      .andWhere(`(i.status IN ('APPLIED','APPROVED','OPERATING','SUSPENDED') OR i.updated_at >= :at)`, { at });
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb.getCount();
  }
}
