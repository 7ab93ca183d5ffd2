import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeOptions, applyScope } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { CalendarPeriod, CalendarPeriodKind } from './entities/calendar-period.entity';
import { Department } from './entities/department.entity';
import { DepartmentDuty } from './entities/department-duty.entity';
import { GridCell } from './entities/grid-cell.entity';
import { School } from './entities/school.entity';
import { Teacher } from './entities/teacher.entity';
import { Township } from './entities/township.entity';
import { departmentNotFound, schoolNotFound, townshipNotFound } from './reference.errors';

export interface SchoolFilter {
  townshipCode?: string;
  search?: string;
}

/**
 * Who sees which schools: department officers and inspectors read the county's schools (a read-only
 * overview); township officers their township's; school administrators their own school.
 */
const SCHOOL_SCOPE = {
  columns: { township: 's.township_code', school: 's.id' },
  options: { countyWide: [Role.DEPARTMENT_OFFICER, Role.INSPECTOR] } satisfies ScopeOptions,
};

const TOWNSHIP_CACHE_MS = 60_000;

/**
 * The reference module's reads, in one place (the maintenance services orchestrate and write; a command's
 * transaction passes its EntityManager, locks included); other modules read through ReferenceFacade.
 */
@Injectable()
export class ReferenceQueries {
  private townshipCache?: { loadedAt: number; byCode: Map<string, Township> };

  constructor(
    @InjectRepository(Township) private readonly townships: Repository<Township>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(DepartmentDuty) private readonly duties: Repository<DepartmentDuty>,
    @InjectRepository(GridCell) private readonly grids: Repository<GridCell>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectRepository(Teacher) private readonly teachers: Repository<Teacher>,
    @InjectRepository(CalendarPeriod) private readonly calendar: Repository<CalendarPeriod>,
  ) {}

  listTownships(): Promise<Township[]> {
    return this.townships.find({ order: { code: 'ASC' } });
  }

  /**
   * Townships by code, from a per-process copy refreshed every minute: the eleven divisions change only
   * with a reference-data release (seeded at deploy), and every list row asks for its township.
   */
  async townshipsByCodes(codes: readonly string[]): Promise<Township[]> {
    const now = Date.now();
    if (!this.townshipCache || now - this.townshipCache.loadedAt > TOWNSHIP_CACHE_MS) {
      const all = await this.townships.find({ order: { code: 'ASC' } });
      this.townshipCache = { loadedAt: now, byCode: new Map(all.map((t) => [t.code, t])) };
    }
    const byCode = this.townshipCache.byCode;
    return codes.flatMap((code) => byCode.get(code) ?? []);
  }

  async getTownship(code: string): Promise<Township> {
    const township = await this.townships.findOneBy({ code });
    if (!township) throw townshipNotFound(code);
    return township;
  }

  async getDepartment(code: string): Promise<Department> {
    const department = await this.departments.findOneBy({ code });
    if (!department) throw departmentNotFound(code);
    return department;
  }

  listDepartments(): Promise<Department[]> {
    return this.departments.find({ order: { sortOrder: 'ASC' } });
  }

  dutiesOfDepartments(codes: readonly string[]): Promise<DepartmentDuty[]> {
    return this.duties.find({ where: { departmentCode: In([...codes]) }, order: { duty: 'ASC' } });
  }

  /** Department codes holding a duty, in the county's department order (routing reads this). */
  async departmentsWithDuty(duty: string): Promise<string[]> {
    const rows: { code: string }[] = await this.departments
      .createQueryBuilder('d')
      .select('d.code', 'code')
      .innerJoin(DepartmentDuty, 'dd', 'dd.department_code = d.code')
      .where('dd.duty = :duty', { duty })
      .orderBy('d.sort_order')
      .getRawMany();
    return rows.map((r) => r.code);
  }

  gridsOfTownships(codes: readonly string[]): Promise<GridCell[]> {
    return this.grids.find({ where: { townshipCode: In([...codes]) }, order: { code: 'ASC' } });
  }

  /** Schools of townships the principal may see (the `Township.schools` field). */
  schoolsOfTownships(actor: Principal, codes: readonly string[]): Promise<School[]> {
    const qb = this.schools.createQueryBuilder('s').where('s.township_code IN (:...codes)', { codes: [...codes] });
    return applyScope(qb, actor, SCHOOL_SCOPE.columns, SCHOOL_SCOPE.options).orderBy('s.name', 'ASC').getMany();
  }

  listSchools(actor: Principal, filter: SchoolFilter, page: PageArgs): Promise<Connection<School>> {
    const qb = applyScope(this.schools.createQueryBuilder('s'), actor, SCHOOL_SCOPE.columns, SCHOOL_SCOPE.options);
    if (filter.townshipCode) qb.andWhere('s.township_code = :township', { township: filter.townshipCode });
    if (filter.search) qb.andWhere('s.name ILIKE :search', { search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    return paginate(qb, page, {
      list: 'reference.schools',
      valueType: 'string',
      column: 's.name',
      value: (s) => s.name,
      tieBreaker: 's.id',
      tieValue: (s) => s.id,
    });
  }

  /** A school the principal may see; one outside its scope is "not found", like one that does not exist. */
  async getSchool(actor: Principal, id: string): Promise<School> {
    const qb = applyScope(
      this.schools.createQueryBuilder('s').where('s.id = :id', { id }),
      actor,
      SCHOOL_SCOPE.columns,
      SCHOOL_SCOPE.options,
    );
    const school = await qb.getOne();
    if (!school) throw schoolNotFound(id);
    return school;
  }

  /**
   * The schools with these ids the principal may see, as `school(id:)` gives them, in one statement (the
   * others are left out): for the links to a school.
   */
  readableSchoolsByIds(actor: Principal, ids: readonly string[]): Promise<School[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const qb = this.schools.createQueryBuilder('s').where('s.id IN (:...ids)', { ids: [...ids] });
    return applyScope(qb, actor, SCHOOL_SCOPE.columns, SCHOOL_SCOPE.options).getMany();
  }

  /** Calendar periods (holidays, vacations, adjusted workdays) overlapping the inclusive date range. */
  calendarPeriodsBetween(from: string, to: string): Promise<CalendarPeriod[]> {
    return this.calendar
      .createQueryBuilder('c')
      .where('c.start_date <= :to AND c.end_date >= :from AND c.removed_at IS NULL', { from, to })
      .orderBy('c.start_date')
      .addOrderBy('c.kind')
      .getMany();
  }

  /**
   * The active roster teacher whose ID number has this keyed hash (`piiHash`), with the school and its
   * township, or null. The registry matches institution staff against the roster with it.
   */
  async findActiveTeacherByIdNumberHash(
    hash: string,
  ): Promise<{ teacherId: string; schoolId: string; townshipCode: string } | null> {
    const row: { teacherId: string; schoolId: string; townshipCode: string } | undefined = await this.teachers
      .createQueryBuilder('t')
      .select('t.id', 'teacherId')
      .addSelect('t.school_id', 'schoolId')
      .addSelect('s.township_code', 'townshipCode')
      .innerJoin(School, 's', 's.id = t.school_id')
      .where('t.id_number_hash = :hash AND t.active', { hash })
      .getRawOne();
    return row ?? null;
  }

  /**
   * Roster entries by id with the keyed hash of the ID number (`piiHash`) and the school's township, active
   * or not: the schools module keeps a teacher's cases by that hash. The hashes never leave the service.
   */
  rosterEntriesByIds(
    ids: readonly string[],
  ): Promise<{ teacherId: string; name: string; idNumberHash: string; schoolId: string; townshipCode: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.teachers
      .createQueryBuilder('t')
      .select('t.id', 'teacherId')
      .addSelect('t.name', 'name')
      .addSelect('t.id_number_hash', 'idNumberHash')
      .addSelect('t.school_id', 'schoolId')
      .addSelect('s.township_code', 'townshipCode')
      .innerJoin(School, 's', 's.id = t.school_id')
      .where('t.id IN (:...ids)', { ids: [...ids] })
      .getRawMany();
  }

  /**
   * The school's active roster teachers with the keyed hash of their ID numbers (`piiHash`): the registry
   * re-checks its staff against a freshly imported roster with it. The hashes never leave the service.
   */
  async activeTeachersOfSchool(
    schoolId: string,
  ): Promise<{ teacherId: string; idNumberHash: string; schoolId: string; townshipCode: string }[]> {
    return this.teachers
      .createQueryBuilder('t')
      .select('t.id', 'teacherId')
      .addSelect('t.id_number_hash', 'idNumberHash')
      .addSelect('t.school_id', 'schoolId')
      .addSelect('s.township_code', 'townshipCode')
      .innerJoin(School, 's', 's.id = t.school_id')
      .where('t.school_id = :schoolId AND t.active', { schoolId })
      .getRawMany();
  }

  /** Whether a school exists, whoever asks (identity checks a school administrator's scope with it). */
  async schoolExists(id: string): Promise<boolean> {
    return this.schools.existsBy({ id });
  }

  /** Schools by id, whoever asks (modules copy a school's township onto their rows). */
  schoolsByIds(ids: readonly string[]): Promise<SchoolSummary[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.schools.find({
      select: { id: true, code: true, name: true, townshipCode: true, stage: true },
      where: { id: In([...ids]) },
    });
  }

  /** Every school (optionally of one township), by name: the population of county-wide KPIs and sweeps. */
  allSchools(townshipCode?: string): Promise<SchoolSummary[]> {
    return this.schools.find({
      select: { id: true, code: true, name: true, townshipCode: true, stage: true },
      where: townshipCode ? { townshipCode } : {},
      order: { name: 'ASC' },
    });
  }

  /** Roster teachers by id (name, school, active); never the ID number hash. */
  teachersByIds(ids: readonly string[]): Promise<TeacherSummary[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.teachers.find({
      select: { id: true, schoolId: true, name: true, active: true },
      where: { id: In([...ids]) },
    });
  }

  // ---- maintenance: reads of the editing commands ---------------------------------------------------

  /** A school's roster page, by name (names and whether in service; never ID data). */
  teachersOfSchool(
    schoolId: string,
    page: PageArgs,
  ): Promise<Connection<Pick<Teacher, 'id' | 'name' | 'active' | 'schoolId'>>> {
    const qb = this.teachers
      .createQueryBuilder('t')
      .select(['t.id', 't.name', 't.active', 't.schoolId'])
      .where('t.school_id = :schoolId', { schoolId });
    return paginate(qb, page, {
      list: 'reference.school-teachers',
      valueType: 'string',
      column: 't.name',
      value: (t) => t.name,
      tieBreaker: 't.id',
      tieValue: (t) => t.id,
    });
  }

  townshipExists(em: EntityManager, code: string): Promise<boolean> {
    return em.getRepository(Township).existsBy({ code });
  }

  schoolCodeExists(em: EntityManager, code: string): Promise<boolean> {
    return em.getRepository(School).existsBy({ code });
  }

  /** A school locked for its change (or its roster's), or null. */
  lockSchool(em: EntityManager, id: string): Promise<School | null> {
    return em.getRepository(School).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Roster teachers with these ID-number hashes (any school), locked for the import. */
  lockTeachersByHash(em: EntityManager, hashes: readonly string[]): Promise<Teacher[]> {
    if (hashes.length === 0) return Promise.resolve([]);
    return em
      .getRepository(Teacher)
      .find({ where: { idNumberHash: In([...hashes]) }, lock: { mode: 'pessimistic_write' } });
  }

  gridCell(code: string): Promise<GridCell | null> {
    return this.grids.findOneBy({ code });
  }

  gridCellCodeExists(em: EntityManager, code: string): Promise<boolean> {
    return em.getRepository(GridCell).existsBy({ code });
  }

  /** A grid cell known to exist, locked for its change. */
  lockGridCell(em: EntityManager, code: string): Promise<GridCell> {
    return em.getRepository(GridCell).findOneOrFail({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  /** A calendar period by id (deleted ones included), optionally locked for its change. */
  calendarPeriod(em: EntityManager, id: string, lock = false): Promise<CalendarPeriod | null> {
    return em
      .getRepository(CalendarPeriod)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The first period of `kind` (not deleted, other than `exceptId`) overlapping the inclusive range, or null. */
  overlappingPeriod(
    em: EntityManager,
    kind: CalendarPeriodKind,
    start: string,
    end: string,
    exceptId?: string | null,
  ): Promise<CalendarPeriod | null> {
    return em
      .getRepository(CalendarPeriod)
      .createQueryBuilder('c')
      .where('c.kind = :kind AND c.start_date <= :end AND c.end_date >= :start AND c.removed_at IS NULL', {
        kind,
        start,
        end,
      })
      .andWhere(exceptId ? 'c.id <> :id' : 'TRUE', { id: exceptId })
      .orderBy('c.start_date')
      .getOne();
  }
}

export type SchoolSummary = Pick<School, 'id' | 'code' | 'name' | 'townshipCode' | 'stage'>;
export type TeacherSummary = Pick<Teacher, 'id' | 'schoolId' | 'name' | 'active'>;
