import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { isCalendarDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { piiHash } from '../../platform/crypto/crypto';
import { FieldProblem, Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { CalendarPeriod, CalendarPeriodKind } from './entities/calendar-period.entity';
import { GridCell } from './entities/grid-cell.entity';
import { School, SchoolStage } from './entities/school.entity';
import { Teacher } from './entities/teacher.entity';
import { Township } from './entities/township.entity';
import {
  calendarPeriodNotFound,
  calendarPeriodOverlap,
  gridCellCodeTaken,
  gridCellNotFound,
  gridCellOutsideTownship,
  schoolCodeTaken,
  schoolNotFound,
  schoolTownshipImmutable,
  townshipNotFound,
} from './reference.errors';
import { ReferenceService } from './reference.service';
import { normaliseResidentId } from './resident-id';

/** Duties whose holders maintain schools, rosters, grid cells and the calendar (the Education Bureau in Xifeng). */
export const REFERENCE_EDITOR_DUTIES = ['LICENSING', 'AFTER_SCHOOL'] as const;

/** The longest calendar period accepted (a summer vacation is about two months). */
export const MAX_PERIOD_DAYS = 62;

export interface SchoolInput {
  code: string;
  name: string;
  townshipCode: string;
  stage: SchoolStage;
  address?: string | null;
}

export interface SchoolUpdate {
  name?: string;
  stage?: SchoolStage;
  address?: string | null;
  townshipCode?: string;
}

export interface RosterRow {
  name: string;
  idNumber: string;
}

export interface RosterImportResult {
  added: number;
  updated: number;
  deactivated: number;
}

export interface CalendarPeriodInput {
  id?: string | null;
  kind: CalendarPeriodKind;
  name: string;
  startDate: string;
  endDate: string;
}

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Write side of reference data: schools, the in-service teacher roster, grid cells and the school
 * calendar. County administrators and officers of the departments holding REFERENCE_EDITOR_DUTIES
 * maintain them; township officers also maintain their own township's grid cells.
 */
@Injectable()
export class ReferenceMaintenanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Teacher) private readonly teachers: Repository<Teacher>,
    @InjectRepository(CalendarPeriod) private readonly calendar: Repository<CalendarPeriod>,
  ) {}

  // ---- access -----------------------------------------------------------------------------------

  async isEditor(actor: Principal): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'user') return false;
    if (actor.role === Role.COUNTY_ADMIN) return true;
    if (actor.role !== Role.DEPARTMENT_OFFICER || !actor.departmentCode) return false;
    const holders = await Promise.all(REFERENCE_EDITOR_DUTIES.map((d) => this.reference.departmentsWithDuty(d)));
    return holders.flat().includes(actor.departmentCode);
  }

  async assertEditor(actor: Principal): Promise<void> {
    if (!(await this.isEditor(actor)))
      throw new Forbidden(
        'Only the county office or the education department (LICENSING / AFTER_SCHOOL duty) maintains reference data',
      );
  }

  /** Grid cells: editors everywhere, a township officer in their own township. */
  private async assertGridEditor(actor: Principal, townshipCode: string): Promise<void> {
    if (actor.kind === 'user' && actor.role === Role.TOWNSHIP_OFFICER) {
      if (!actor.townshipCode || actor.townshipCode !== townshipCode) throw gridCellOutsideTownship();
      return;
    }
    await this.assertEditor(actor);
  }

  // ---- schools ----------------------------------------------------------------------------------

  async createSchool(actor: Principal, input: SchoolInput): Promise<School> {
    await this.assertEditor(actor);
    return this.dataSource.transaction(async (em) => {
      if (!(await em.getRepository(Township).existsBy({ code: input.townshipCode })))
        throw townshipNotFound(input.townshipCode);
      const code = input.code.trim();
      if (await em.getRepository(School).existsBy({ code })) throw schoolCodeTaken(code);
      const school = em.getRepository(School).create({
        code,
        name: input.name.trim(),
        townshipCode: input.townshipCode,
        stage: input.stage,
        address: input.address?.trim() || null,
      });
      await em.getRepository(School).insert(school);
      await this.audit.record(em, {
        actor,
        action: 'reference.school.created',
        entityType: 'school',
        entityId: school.id,
        summary: {
          code: school.code,
          name: school.name,
          townshipCode: school.townshipCode,
          stage: school.stage,
          address: school.address,
        },
      });
      return school;
    });
  }

  /** Name, stage and address change; the township does not (SCHOOL_TOWNSHIP_IMMUTABLE, see reference.errors.ts). */
  async updateSchool(actor: Principal, id: string, update: SchoolUpdate): Promise<School> {
    await this.assertEditor(actor);
    return this.dataSource.transaction(async (em) => {
      const school = await em.getRepository(School).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!school) throw schoolNotFound(id);
      if (
        update.townshipCode !== undefined &&
        update.townshipCode !== null &&
        update.townshipCode !== school.townshipCode
      )
        throw schoolTownshipImmutable();
      const before = { name: school.name, stage: school.stage, address: school.address };
      if (update.name !== undefined && update.name !== null) school.name = update.name.trim();
      if (update.stage !== undefined && update.stage !== null) school.stage = update.stage;
      if (update.address !== undefined) school.address = update.address?.trim() || null;
      await em
        .getRepository(School)
        .update({ id }, { name: school.name, stage: school.stage, address: school.address });
      await this.audit.record(em, {
        actor,
        action: 'reference.school.updated',
        entityType: 'school',
        entityId: id,
        summary: { before, after: { name: school.name, stage: school.stage, address: school.address } },
      });
      return school;
    });
  }

  // ---- teacher roster ---------------------------------------------------------------------------

  /**
   * Loads a school's roster, all or nothing: every ID number must be a valid resident ID number (one
   * bad row fails the import naming each bad row). Teachers are matched by the keyed hash of the ID
   * number: a teacher already on another school's roster moves to this school. With `replace`, the
   * school's active teachers missing from the list are marked inactive (left service). ID numbers are
   * never stored, returned or logged; the audit summary and the event carry counts only.
   */
  async importTeacherRoster(
    actor: Principal,
    schoolId: string,
    rows: readonly RosterRow[],
    replace: boolean,
  ): Promise<RosterImportResult> {
    await this.assertEditor(actor);
    const problems: FieldProblem[] = [];
    const byHash = new Map<string, { name: string; index: number }>();
    rows.forEach((row, index) => {
      const name = row.name.trim();
      if (!name || name.length > 100)
        problems.push({ path: `teachers.${index}.name`, message: 'must be 1 to 100 characters' });
      const idNumber = normaliseResidentId(row.idNumber);
      if (!idNumber) {
        problems.push({
          path: `teachers.${index}.idNumber`,
          message: 'is not a valid resident ID number (18 characters, check character per GB 11643)',
        });
        return;
      }
      const hash = piiHash(this.config.security.piiHashKey, idNumber);
      const first = byHash.get(hash);
      if (first)
        problems.push({ path: `teachers.${index}.idNumber`, message: `repeats the ID number of row ${first.index}` });
      else byHash.set(hash, { name, index });
    });
    if (problems.length)
      throw new ValidationFailed(problems, `The roster has ${problems.length} problem(s); nothing was imported`);

    return this.dataSource.transaction(async (em) => {
      const school = await em
        .getRepository(School)
        .findOne({ where: { id: schoolId }, lock: { mode: 'pessimistic_write' } });
      if (!school) throw schoolNotFound(schoolId);
      const hashes = [...byHash.keys()];
      const existing = hashes.length
        ? await em
            .getRepository(Teacher)
            .find({ where: { idNumberHash: In(hashes) }, lock: { mode: 'pessimistic_write' } })
        : [];
      const known = new Map(existing.map((t) => [t.idNumberHash, t]));
      let added = 0;
      let updated = 0;
      const fresh: Partial<Teacher>[] = [];
      for (const [hash, row] of byHash) {
        const t = known.get(hash);
        if (!t) {
          fresh.push({ schoolId, name: row.name, idNumberHash: hash, active: true });
          added++;
        } else if (t.schoolId !== schoolId || t.name !== row.name || !t.active) {
          await em.getRepository(Teacher).update({ id: t.id }, { schoolId, name: row.name, active: true });
          updated++;
        }
      }
      if (fresh.length) await em.getRepository(Teacher).insert(fresh);
      let deactivated = 0;
      if (replace) {
        const qb = em
          .createQueryBuilder()
          .update(Teacher)
          .set({ active: false })
          .where('school_id = :schoolId AND active', { schoolId });
        if (hashes.length) qb.andWhere('id_number_hash NOT IN (:...hashes)', { hashes });
        deactivated = (await qb.execute()).affected ?? 0;
      }
      const result = { added, updated, deactivated };
      await this.audit.record(em, {
        actor,
        action: 'reference.teacher_roster.imported',
        entityType: 'school',
        entityId: schoolId,
        summary: { rows: rows.length, replace, ...result },
      });
      await this.events.publish(em, 'reference.teacher_roster.imported', {
        schoolId,
        townshipCode: school.townshipCode,
        ...result,
      });
      return result;
    });
  }

  /** A school's roster (names and whether in service; never ID data): editors, and the school's own administrator. */
  async listTeachers(
    actor: Principal,
    schoolId: string,
    page: PageArgs,
  ): Promise<Connection<Pick<Teacher, 'id' | 'name' | 'active' | 'schoolId'>>> {
    const ownSchool = actor.kind === 'user' && actor.role === Role.SCHOOL_ADMIN;
    if (ownSchool) {
      if (actor.schoolId !== schoolId) throw schoolNotFound(schoolId);
    } else {
      await this.assertEditor(actor);
    }
    if (!(await this.reference.schoolExists(schoolId))) throw schoolNotFound(schoolId);
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

  // ---- grid cells -------------------------------------------------------------------------------

  async createGridCell(actor: Principal, townshipCode: string, code: string, name: string): Promise<GridCell> {
    await this.assertGridEditor(actor, townshipCode);
    return this.dataSource.transaction(async (em) => {
      if (!(await em.getRepository(Township).existsBy({ code: townshipCode }))) throw townshipNotFound(townshipCode);
      if (await em.getRepository(GridCell).existsBy({ code })) throw gridCellCodeTaken(code);
      const cell = em.getRepository(GridCell).create({ code, townshipCode, name: name.trim() });
      await em.getRepository(GridCell).insert(cell);
      await this.audit.record(em, {
        actor,
        action: 'reference.grid_cell.created',
        entityType: 'grid_cell',
        entityId: code,
        summary: { townshipCode, name: cell.name },
      });
      return cell;
    });
  }

  async renameGridCell(actor: Principal, code: string, name: string): Promise<GridCell> {
    const found = await this.dataSource.getRepository(GridCell).findOneBy({ code });
    if (!found) {
      // Who may not rename any cell learns nothing about which codes exist.
      if (!(actor.kind === 'user' && actor.role === Role.TOWNSHIP_OFFICER)) await this.assertEditor(actor);
      throw gridCellNotFound(code);
    }
    await this.assertGridEditor(actor, found.townshipCode);
    return this.dataSource.transaction(async (em) => {
      const cell = await em
        .getRepository(GridCell)
        .findOneOrFail({ where: { code }, lock: { mode: 'pessimistic_write' } });
      const before = cell.name;
      cell.name = name.trim();
      await em.getRepository(GridCell).update({ code }, { name: cell.name });
      await this.audit.record(em, {
        actor,
        action: 'reference.grid_cell.renamed',
        entityType: 'grid_cell',
        entityId: code,
        summary: { townshipCode: cell.townshipCode, before, after: cell.name },
      });
      return cell;
    });
  }

  // ---- calendar ---------------------------------------------------------------------------------

  /** Periods touching a calendar year, by start date (deleted seeded periods excluded). */
  calendarPeriodsOfYear(year: number): Promise<CalendarPeriod[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new ValidationFailed([{ path: 'year', message: 'must be a year between 2000 and 2100' }]);
    return this.reference.calendarPeriodsBetween(`${year}-01-01`, `${year}-12-31`);
  }

  /**
   * Creates (no id) or changes a period. Dates are real YYYY-MM-DD days, start ≤ end, at most
   * MAX_PERIOD_DAYS days, an adjusted workday exactly one day; a period may not overlap another of the
   * same kind. A changed or new period is the county's (source COUNTY): the seeder leaves it alone.
   */
  async setCalendarPeriod(actor: Principal, input: CalendarPeriodInput): Promise<CalendarPeriod> {
    await this.assertEditor(actor);
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(input.startDate)) problems.push({ path: 'startDate', message: 'must be a date YYYY-MM-DD' });
    if (!isCalendarDate(input.endDate)) problems.push({ path: 'endDate', message: 'must be a date YYYY-MM-DD' });
    if (!problems.length) {
      const days = daysBetween(input.startDate, input.endDate) + 1;
      if (days < 1) problems.push({ path: 'endDate', message: 'must not be before startDate' });
      else if (days > MAX_PERIOD_DAYS)
        problems.push({
          path: 'endDate',
          message: `a period lasts at most ${MAX_PERIOD_DAYS} days; this one lasts ${days}`,
        });
      else if (input.kind === CalendarPeriodKind.ADJUSTED_WORKDAY && days !== 1)
        problems.push({ path: 'endDate', message: 'an adjusted workday is exactly one day (endDate = startDate)' });
    }
    const name = input.name.trim();
    if (!name) problems.push({ path: 'name', message: 'must not be empty' });
    if (problems.length) throw new ValidationFailed(problems);

    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(CalendarPeriod);
      // One writer at a time: the overlap check reads what the other writer would change.
      await em.query(`LOCK TABLE calendar_period IN SHARE ROW EXCLUSIVE MODE`);
      let before: Pick<CalendarPeriod, 'kind' | 'name' | 'startDate' | 'endDate' | 'source'> | null = null;
      let period: CalendarPeriod;
      if (input.id) {
        const found = await repo.findOneBy({ id: input.id });
        if (!found || found.removedAt) throw calendarPeriodNotFound(input.id);
        before = {
          kind: found.kind,
          name: found.name,
          startDate: found.startDate,
          endDate: found.endDate,
          source: found.source,
        };
        period = found;
      } else {
        period = repo.create({});
      }
      const overlap = await repo
        .createQueryBuilder('c')
        .where('c.kind = :kind AND c.start_date <= :end AND c.end_date >= :start AND c.removed_at IS NULL', {
          kind: input.kind,
          start: input.startDate,
          end: input.endDate,
        })
        .andWhere(input.id ? 'c.id <> :id' : 'TRUE', { id: input.id })
        .orderBy('c.start_date')
        .getOne();
      if (overlap) throw calendarPeriodOverlap(overlap.kind, overlap.name, overlap.startDate, overlap.endDate);
      // A deleted seeded period's marker with the same kind and start gives way to the county's period.
      await em.query(
        `DELETE FROM calendar_period WHERE kind = $1 AND start_date = $2 AND removed_at IS NOT NULL AND id IS DISTINCT FROM $3`,
        [input.kind, input.startDate, input.id ?? null],
      );
      Object.assign(period, {
        kind: input.kind,
        name,
        startDate: input.startDate,
        endDate: input.endDate,
        source: 'COUNTY',
        removedAt: null,
      });
      await repo.save(period);
      await this.audit.record(em, {
        actor,
        action: input.id ? 'reference.calendar_period.updated' : 'reference.calendar_period.created',
        entityType: 'calendar_period',
        entityId: period.id,
        summary: {
          before,
          after: { kind: period.kind, name: period.name, startDate: period.startDate, endDate: period.endDate },
        },
      });
      return period;
    });
  }

  /**
   * Deletes a period. It stays as a marker (removed_at), whatever its source: a seeded period, or one the
   * county changed from a seeded one, must not come back at the next seed (the seeder skips file periods
   * overlapping a county row, removed or not).
   */
  async deleteCalendarPeriod(actor: Principal, id: string): Promise<boolean> {
    await this.assertEditor(actor);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(CalendarPeriod);
      const found = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found || found.removedAt) throw calendarPeriodNotFound(id);
      await repo.update({ id }, { removedAt: this.clock.now() });
      await this.audit.record(em, {
        actor,
        action: 'reference.calendar_period.deleted',
        entityType: 'calendar_period',
        entityId: id,
        summary: {
          kind: found.kind,
          name: found.name,
          startDate: found.startDate,
          endDate: found.endDate,
          source: found.source,
        },
      });
      return true;
    });
  }
}
