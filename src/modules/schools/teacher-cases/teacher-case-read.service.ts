import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform/auth/principal';
import { ValidationFailed } from '../../../platform/errors/domain-error';
import { Connection, PageArgs } from '../../../platform/graphql/pagination';
import { UUID } from '../../../platform/ids/uuid';
import { text } from '../../../platform/i18n/text';
import { ReferenceFacade } from '../../reference';
import { TeacherCase } from './entities/teacher-case.entity';
import { teacherCaseNotFound } from './teacher-cases.errors';
import { TeacherCaseFilter, TeacherCaseQueries } from './teacher-cases.queries';

const ONE_OF = text('give exactly one of teacherId and rosterHash', '须且只能填写 teacherId 或 rosterHash 之一');

/** Reads of teacher cases and a teacher's record, in the caller's scope. */
@Injectable()
export class TeacherCaseReadService {
  constructor(
    private readonly queries: TeacherCaseQueries,
    private readonly reference: ReferenceFacade,
  ) {}

  /** A case the caller may read; another (or none) is TEACHER_CASE_NOT_FOUND. */
  async get(actor: Principal, id: string): Promise<TeacherCase> {
    const c = UUID.test(id) ? await this.queries.byId(actor, id.toLowerCase()) : null;
    if (!c) throw teacherCaseNotFound(id);
    return c;
  }

  list(actor: Principal, filter: TeacherCaseFilter, page: PageArgs, today: string): Promise<Connection<TeacherCase>> {
    return this.queries.list(
      actor,
      {
        ...filter,
        schoolId: filter.schoolId?.toLowerCase(),
        teacherId: filter.teacherId?.toLowerCase(),
        institutionId: filter.institutionId?.toLowerCase(),
        complaintId: filter.complaintId?.toLowerCase(),
      },
      page,
      today,
    );
  }

  readableByIds(actor: Principal, ids: readonly string[]): Promise<TeacherCase[]> {
    return this.queries.readableByIds(
      actor,
      ids.filter((i) => UUID.test(i)).map((i) => i.toLowerCase()),
    );
  }

  casesOfHashes(actor: Principal, hashes: readonly string[]): Promise<TeacherCase[]> {
    return this.queries.casesOfHashes(actor, hashes);
  }

  /**
   * A teacher's record: the roster hash (of the roster teacher, or as given) and the cases the caller may
   * read under it, across roster entries and schools. An unknown teacher or hash simply has no cases.
   */
  async record(
    actor: Principal,
    ref: { teacherId?: string; rosterHash?: string },
  ): Promise<{ rosterHash: string | null; cases: TeacherCase[] }> {
    if (!ref.teacherId === !ref.rosterHash)
      throw new ValidationFailed([{ path: 'teacherId', message: ONE_OF }], ONE_OF);
    if (ref.teacherId) {
      const [entry] = await this.reference.rosterEntriesByIds([ref.teacherId.toLowerCase()]);
      if (!entry) return { rosterHash: null, cases: [] };
      // By id, the hash is shown only with a case the caller may read (the roster itself is not read here).
      const cases = await this.queries.casesOfHashes(actor, [entry.idNumberHash]);
      return { rosterHash: cases.length > 0 ? entry.idNumberHash : null, cases };
    }
    const hash = ref.rosterHash!;
    return { rosterHash: hash, cases: await this.queries.casesOfHashes(actor, [hash]) };
  }
}
