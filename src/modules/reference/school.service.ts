import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { piiHash } from '../../platform/crypto/crypto';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { School } from './entities/school.entity';
import { Teacher } from './entities/teacher.entity';
import { ReferenceAccess } from './reference.access';
import { schoolCodeTaken, schoolNotFound, schoolTownshipImmutable, townshipNotFound } from './reference.errors';
import { ReferenceQueries } from './reference.queries';
import { RosterImportResult, RosterRow, SchoolInput, SchoolUpdate } from './reference.types';
import { normaliseResidentId } from './resident-id';
import { text } from '../../platform/i18n/text';

/**
 * Schools and their in-service teacher roster: registering and changing a school, importing its roster,
 * reading the roster. Editors (ReferenceAccess) maintain them; a school's administrator reads its roster.
 */
@Injectable()
export class SchoolService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ReferenceQueries,
    private readonly access: ReferenceAccess,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createSchool(actor: Principal, input: SchoolInput): Promise<School> {
    await this.access.assertEditor(actor);
    return this.dataSource.transaction(async (em) => {
      if (!(await this.queries.townshipExists(em, input.townshipCode))) throw townshipNotFound(input.townshipCode);
      const code = input.code.trim();
      if (await this.queries.schoolCodeExists(em, code)) throw schoolCodeTaken(code);
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
    await this.access.assertEditor(actor);
    return this.dataSource.transaction(async (em) => {
      const school = await this.queries.lockSchool(em, id);
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
    await this.access.assertEditor(actor);
    const problems = new Problems();
    const byHash = new Map<string, { name: string; index: number }>();
    rows.forEach((row, index) => {
      const name = row.name.trim();
      if (!name || name.length > 100)
        problems.add(`teachers.${index}.name`, text('must be 1 to 100 characters', '须为 1 到 100 个字符'));
      const idNumber = normaliseResidentId(row.idNumber);
      if (!idNumber) {
        problems.add(
          `teachers.${index}.idNumber`,
          text(
            'is not a valid resident ID number (18 characters, check character per GB 11643)',
            '不是有效的居民身份证号码（18 位，校验码须符合 GB 11643）',
          ),
        );
        return;
      }
      const hash = piiHash(this.config.security.piiHashKey, idNumber);
      const first = byHash.get(hash);
      if (first)
        problems.add(
          `teachers.${index}.idNumber`,
          text(`repeats the ID number of row ${first.index}`, `与第 ${first.index} 行的身份证号码重复`),
        );
      else byHash.set(hash, { name, index });
    });
    problems.throwIfAny(
      text(
        `The roster has ${problems.list.length} problem(s); nothing was imported`,
        `教师名册有 ${problems.list.length} 处问题，未导入任何记录`,
      ),
    );

    return this.dataSource.transaction(async (em) => {
      const school = await this.queries.lockSchool(em, schoolId);
      if (!school) throw schoolNotFound(schoolId);
      const hashes = [...byHash.keys()];
      const existing = await this.queries.lockTeachersByHash(em, hashes);
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
      await this.access.assertEditor(actor);
    }
    if (!(await this.queries.schoolExists(schoolId))) throw schoolNotFound(schoolId);
    return this.queries.teachersOfSchool(schoolId, page);
  }
}
