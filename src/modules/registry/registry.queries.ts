import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { AnnualReviewChecklist } from './entities/annual-review-checklist.entity';
import { AnnualReview } from './entities/annual-review.entity';
import { Course } from './entities/course.entity';
import { Institution, InstitutionStatus } from './entities/institution.entity';
import { CheckStatus, Premises } from './entities/premises.entity';
import { Staff } from './entities/staff.entity';
import { StaffBar } from './entities/staff-bar.entity';
import { TrainingMaterial } from './entities/training-material.entity';
import { ACTIVE_STATES } from './institution-transitions';
import { InstitutionFilter } from './institution.types';
import { INSTITUTION_SCOPE } from './registry.access';
import { institutionNotFound } from './registry.errors';

/** A LIKE/ILIKE pattern containing `s` literally (its wildcards escaped). */
export const like = (s: string): string => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The registry's reads of institutions and their records, in one place: the services orchestrate and
 * write inside their transactions; these look rows up outside one (scoped by the principal, by
 * institution ids already scoped by the caller, or by a record's id before the change is authorised and
 * locked), or inside one when the command passes its EntityManager; and the index-backed counts of
 * institutions for the dashboard (through RegistryFacade). Unlicensed-training leads:
 * registry.queries.leads.ts (LeadQueries).
 */
@Injectable()
export class RegistryQueries {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Institution) private readonly institutionRepo: Repository<Institution>,
  ) {}

  // ---- institutions -------------------------------------------------------------------------------

  /** The institutions the principal may see, by name (the `institutions` list). */
  institutions(actor: Principal, filter: InstitutionFilter, page: PageArgs): Promise<Connection<Institution>> {
    const qb = applyScope(
      this.institutionRepo.createQueryBuilder('i'),
      actor,
      INSTITUTION_SCOPE.columns,
      INSTITUTION_SCOPE.options,
    );
    if (filter.townshipCode) qb.andWhere('i.township_code = :township', { township: filter.townshipCode });
    if (filter.category) qb.andWhere('i.category = :category', { category: filter.category });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.search)
      qb.andWhere('(i.name ILIKE :search OR i.credit_code = :code)', {
        search: like(filter.search),
        code: filter.search.trim().toUpperCase(),
      });
    return paginate(qb, page, {
      list: 'registry.institutions',
      valueType: 'string',
      column: 'i.name',
      value: (i) => i.name,
      tieBreaker: 'i.id',
      tieValue: (i) => i.id,
    });
  }

  /**
   * An institution the principal may see; one outside its scope is INSTITUTION_NOT_FOUND, like a missing one.
   * Inside a command's transaction (`em`), optionally locked for the change.
   */
  async institution(actor: Principal, id: string, em?: EntityManager, lock = false): Promise<Institution> {
    const repo = em ? em.getRepository(Institution) : this.institutionRepo;
    const qb = applyScope(
      repo.createQueryBuilder('i').where('i.id = :id', { id }),
      actor,
      INSTITUTION_SCOPE.columns,
      INSTITUTION_SCOPE.options,
    );
    if (lock) qb.setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found) throw institutionNotFound(id);
    return found;
  }

  /** An institution by id or by (normalised) credit code, whoever asks (RegistryFacade, the public profile). */
  institutionBy(ref: { id: string } | { creditCode: string }): Promise<Institution | null> {
    return this.institutionRepo.findOneBy(ref);
  }

  /** The institutions with these ids, whoever asks (RegistryFacade's DataLoaders). */
  institutionsByIds(ids: readonly string[]): Promise<Institution[]> {
    return this.institutionRepo.findBy({ id: In([...ids]) });
  }

  /** The institutions with these ids that the principal may see (one statement; the others are left out). */
  readableInstitutionsByIds(actor: Principal, ids: readonly string[]): Promise<Institution[]> {
    return applyScope(
      this.institutionRepo.createQueryBuilder('i').where('i.id IN (:...ids)', { ids: [...ids] }),
      actor,
      INSTITUTION_SCOPE.columns,
      INSTITUTION_SCOPE.options,
    ).getMany();
  }

  /**
   * The courses with these ids whose institution the principal may read (the scope of `institution(id:)`,
   * whose `courses` list shows them), in one statement: for the links to a course.
   */
  readableCoursesByIds(actor: Principal, ids: readonly string[]): Promise<Course[]> {
    const qb = this.dataSource
      .getRepository(Course)
      .createQueryBuilder('c')
      .innerJoin(Institution, 'i', 'i.id = c.institution_id')
      .where('c.id IN (:...ids)', { ids: [...ids] });
    return applyScope(qb, actor, INSTITUTION_SCOPE.columns, INSTITUTION_SCOPE.options).getMany();
  }

  /** The staff with these ids whose institution the principal may read (its `staff` list), in one statement. */
  readableStaffByIds(actor: Principal, ids: readonly string[]): Promise<Staff[]> {
    const qb = this.dataSource
      .getRepository(Staff)
      .createQueryBuilder('s')
      .innerJoin(Institution, 'i', 'i.id = s.institution_id')
      .where('s.id IN (:...ids)', { ids: [...ids] });
    return applyScope(qb, actor, INSTITUTION_SCOPE.columns, INSTITUTION_SCOPE.options).getMany();
  }

  /** Whether an institution with this (normalised) credit code is registered (in the registering transaction). */
  creditCodeRegistered(em: EntityManager, creditCode: string): Promise<boolean> {
    return em.getRepository(Institution).existsBy({ creditCode });
  }

  /** Whether an institution exists (in the transaction that names it). */
  institutionExists(em: EntityManager, id: string): Promise<boolean> {
    return em.getRepository(Institution).existsBy({ id });
  }

  /** Whether one of the institution's premises passed its fire acceptance (消防验收): it may start operating. */
  hasFireAcceptedPremises(em: EntityManager, institutionId: string): Promise<boolean> {
    return em.getRepository(Premises).existsBy({ institutionId, fireAcceptance: CheckStatus.PASSED });
  }

  /** The institution's subject courses whose term has not ended on `today` (压减 waits for them). */
  runningSubjectCourses(em: EntityManager, institutionId: string, today: string): Promise<number> {
    return em
      .getRepository(Course)
      .createQueryBuilder('c')
      .where('c.institution_id = :id AND c.subject AND c.term_end >= :today', { id: institutionId, today })
      .getCount();
  }

  /**
   * The public search: institutions in the `published` states whose name contains `name` (the trigram
   * index idx_institution_name_trgm), optionally in one township; those whose name starts with it first,
   * then by name; at most `take`.
   */
  searchPublished(
    published: readonly InstitutionStatus[],
    name: string,
    townshipCode: string | undefined,
    take: number,
  ): Promise<Institution[]> {
    const qb = this.institutionRepo
      .createQueryBuilder('i')
      .where('i.status IN (:...published)', { published })
      .andWhere('i.name ILIKE :pattern', { pattern: like(name) });
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb
      .orderBy('strpos(lower(i.name), lower(:name))', 'ASC')
      .addOrderBy('i.name', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .setParameter('name', name)
      .limit(take)
      .getMany();
  }

  // ---- records --------------------------------------------------------------------------------------

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

  /** The premises addresses of these institutions (public information), oldest first. */
  premisesAddressesOf(ids: readonly string[]): Promise<Pick<Premises, 'id' | 'institutionId' | 'address'>[]> {
    return this.dataSource.getRepository(Premises).find({
      select: { id: true, institutionId: true, address: true },
      where: { institutionId: In([...ids]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  checklist(year: number): Promise<AnnualReviewChecklist | null> {
    return this.dataSource.getRepository(AnnualReviewChecklist).findOneBy({ year });
  }

  premisesById(id: string): Promise<Premises | null> {
    return this.dataSource.getRepository(Premises).findOneBy({ id });
  }

  /** A staff record by id, outside a transaction or inside the command's (`em`). */
  staffById(id: string, em?: EntityManager): Promise<Staff | null> {
    return (em ?? this.dataSource.manager).getRepository(Staff).findOneBy({ id });
  }

  courseById(id: string): Promise<Course | null> {
    return this.dataSource.getRepository(Course).findOneBy({ id });
  }

  coursesByIds(ids: readonly string[]): Promise<Course[]> {
    return this.dataSource.getRepository(Course).findBy({ id: In([...ids]) });
  }

  materialById(id: string): Promise<TrainingMaterial | null> {
    return this.dataSource.getRepository(TrainingMaterial).findOneBy({ id });
  }

  // ---- staff blacklist (从业人员黑名单) -------------------------------------------------------------------

  /** The bar in force for an ID-number hash on `day`, if any (asked in the barring or registering transaction). */
  barInForce(em: EntityManager, idNumberHash: string, day: string): Promise<StaffBar | null> {
    return em
      .getRepository(StaffBar)
      .createQueryBuilder('b')
      .where(
        'b.id_number_hash = :hash AND b.lifted_at IS NULL AND b.barred_from <= :day AND (b.barred_until IS NULL OR b.barred_until > :day)',
        { hash: idNumberHash, day },
      )
      .orderBy('b.barred_until', 'DESC', 'NULLS FIRST')
      .getOne();
  }

  /** A bar by id, locked for its change. */
  lockBar(em: EntityManager, id: string): Promise<StaffBar | null> {
    return em.getRepository(StaffBar).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The live institutions where the person (by ID-number hash) currently works, by name. */
  currentEmployers(
    em: EntityManager,
    idNumberHash: string,
  ): Promise<{ id: string; name: string; credit_code: string; township_code: string }[]> {
    return em.query(
      `SELECT DISTINCT i.id, i.name, i.credit_code, i.township_code FROM staff s JOIN institution i ON i.id = s.institution_id
       WHERE s.id_number_hash = $1 AND s.active AND i.status = ANY($2::varchar[]) ORDER BY i.name`,
      [idNumberHash, ACTIVE_STATES],
    );
  }

  /** The blacklist, newest first: by part of the name, or only the bars in force (or not) on `today`. */
  staffBars(
    filter: { inForce?: boolean; name?: string },
    page: PageArgs,
    today: string,
  ): Promise<Connection<StaffBar>> {
    const qb = this.dataSource.getRepository(StaffBar).createQueryBuilder('b');
    const inForce =
      'b.lifted_at IS NULL AND b.barred_from <= :today AND (b.barred_until IS NULL OR b.barred_until > :today)';
    if (filter.inForce !== undefined) qb.andWhere(filter.inForce ? inForce : `NOT (${inForce})`, { today });
    if (filter.name?.trim())
      qb.andWhere(`b.name ILIKE :name ESCAPE '\\'`, {
        name: like(filter.name.trim()),
      });
    return paginate(qb, page, {
      list: 'registry.staff-bars',
      valueType: 'timestamp',
      column: 'b.created_at',
      value: (b) => b.createdAt,
      tieBreaker: 'b.id',
      tieValue: (b) => b.id,
      direction: 'DESC',
    });
  }

  // ---- counts (dashboard, other modules) --------------------------------------------------------------

  /** Subject institutions not yet reduced (压减 KPI: target 0): for-profit and live, county-wide or in a township. */
  countSubjectInstitutionsRemaining(townshipCode?: string): Promise<number> {
    const qb = this.institutionRepo
      .createQueryBuilder('i')
      .where(`i.category = 'SUBJECT' AND i.legal_form = 'FOR_PROFIT' AND i.status IN (:...remaining)`, {
        remaining: ACTIVE_STATES,
      });
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb.getCount();
  }

  async listOperatingInstitutionIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.institutionRepo
      .createQueryBuilder('i')
      .select('i.id', 'id')
      .where('i.status = :status', { status: InstitutionStatus.OPERATING })
      .orderBy('i.id')
      .getRawMany();
    return rows.map((r) => r.id);
  }

  /** Dashboard: operating institutions per category (index idx_institution_township_status / idx_institution_status). */
  async countOperatingByCategory(townshipCode?: string): Promise<{ category: string; count: number }[]> {
    const qb = this.institutionRepo
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
    const qb = this.institutionRepo
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
    const qb = this.institutionRepo
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
    const qb = this.institutionRepo
      .createQueryBuilder('i')
      .where(`i.category = 'SUBJECT' AND i.legal_form = 'FOR_PROFIT' AND i.created_at < :at`, { at })
      .andWhere(`(i.status IN ('APPLIED','APPROVED','OPERATING','SUSPENDED') OR i.updated_at >= :at)`, { at });
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb.getCount();
  }
}
