import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { scopeCondition } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { PolicyFacade } from '../policy';
import { ReferenceFacade } from '../reference';
import { READERS, assertFeeStandardApprover, readOptions, scopeColumns } from './after-school.access';
import { invalidAfterSchoolInput, feeStandardExists, feeStandardNotFound } from './after-school.errors';
import { SEMESTER_PATTERN } from './after-school.rules';
import { ownSchool } from './school-records';
import { text } from '../../platform/i18n/text';

export interface FeeStandard {
  code: string;
  name: string;
  feeFenPerSemester: bigint;
  approvedBy: string;
  createdAt: Date;
}

interface FeeChargeCommand {
  schoolId: string;
  semester: string;
  feeStandardCode: string;
  students: number;
  exemptedStudents: number;
}

/** A school's semester statement: county funding of basic service, customised-service fees, exemptions. */
export interface FundingStatement {
  schoolId: string;
  townshipCode: string;
  semester: string;
  /** Students served by the basic service (participation records). */
  studentsFunded: number;
  fundedFen: bigint;
  feesChargedFen: bigint;
  exemptedFen: bigint;
}

/** Funding at the configured rate, the approved fee-standard table and the fees schools charge. */
@Injectable()
export class FundingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createFeeStandard(
    actor: Principal,
    c: { code: string; name: string; feeFenPerSemester: bigint },
  ): Promise<FeeStandard> {
    assertFeeStandardApprover(actor);
    const approvedBy = actor.kind === 'user' ? actor.username : 'system';
    await this.dataSource.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO after_school_fee_standard (code, name, fee_fen_per_semester, approved_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [c.code, c.name, c.feeFenPerSemester.toString(), approvedBy, this.clock.now()],
      );
      if (inserted.length === 0) throw feeStandardExists(c.code);
      await this.audit.record(em, {
        actor,
        action: 'after_school.fee_standard.created',
        entityType: 'after_school_fee_standard',
        entityId: c.code,
        summary: { name: c.name, feeFenPerSemester: c.feeFenPerSemester.toString() },
      });
    });
    return (await this.feeStandards()).find((f) => f.code === c.code)!;
  }

  /** The approved fee standards (readable by every logged-in user: schools charge by them). */
  async feeStandards(): Promise<FeeStandard[]> {
    const rows: { code: string; name: string; fee: string; approved_by: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT code, name, fee_fen_per_semester AS fee, approved_by, created_at FROM after_school_fee_standard ORDER BY code`,
      );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      feeFenPerSemester: BigInt(r.fee),
      approvedBy: r.approved_by,
      createdAt: r.created_at,
    }));
  }

  /** Students of a school taking a customised service at a fee standard, and how many are exempted (困难家庭). */
  async recordFeeCharge(actor: Principal, c: FeeChargeCommand): Promise<void> {
    const school = await ownSchool(this.reference, actor, c.schoolId);
    if (!SEMESTER_PATTERN.test(c.semester))
      throw invalidAfterSchoolInput(
        'semester',
        text(
          'semester must be YYYY-1 (autumn) or YYYY-2 (spring)',
          'semester 须为 YYYY-1（秋季学期）或 YYYY-2（春季学期）',
        ),
      );
    if (c.exemptedStudents > c.students)
      throw invalidAfterSchoolInput(
        'exemptedStudents',
        text('More students exempted than taking the service', '减免费用的学生数多于参加服务的学生数'),
      );
    if (!(await this.feeStandards()).some((f) => f.code === c.feeStandardCode))
      throw feeStandardNotFound(c.feeStandardCode);
    await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO after_school_fee_charge (school_id, township_code, semester, fee_standard_code, students, exempted_students, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (school_id, semester, fee_standard_code) DO UPDATE SET students = EXCLUDED.students, exempted_students = EXCLUDED.exempted_students, updated_at = EXCLUDED.updated_at
         RETURNING id`,
        [
          school.id,
          school.townshipCode,
          c.semester,
          c.feeStandardCode,
          c.students,
          c.exemptedStudents,
          this.clock.now(),
        ],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'after_school.fee_charge.recorded',
        entityType: 'after_school_fee_charge',
        entityId: row!.id,
        summary: { ...c },
      });
    });
  }

  /**
   * Semester statements per school of the reader's scope (EDU, FINANCE, DEVELOPMENT_REFORM read all):
   * funded = students served × the yearly rate ÷ 2; fees = paying students × fee; exempted likewise.
   */
  async statements(
    actor: Principal,
    filter: { semester: string; schoolId?: string; townshipCode?: string },
  ): Promise<FundingStatement[]> {
    const halfYearFen = BigInt(await this.policy.value('after_school.funding_fen_per_student_year')) / 2n;
    const params: unknown[] = [filter.semester];
    const scope = scopeCondition(actor, scopeColumns('x'), readOptions(actor, READERS.funding));
    if (scope.kind === 'none') return [];
    let conditions = '';
    if (scope.kind === 'where') {
      const [[name, value]] = Object.entries(scope.params) as [[string, string]];
      params.push(value);
      conditions += ` AND ${scope.sql.replace(`:${name}`, `$${params.length}`)}`;
    }
    if (filter.schoolId) {
      params.push(filter.schoolId);
      conditions += ` AND x.school_id = $${params.length}`;
    }
    if (filter.townshipCode) {
      params.push(filter.townshipCode);
      conditions += ` AND x.township_code = $${params.length}`;
    }
    const rows: { school_id: string; township_code: string; served: number; fees: string; exempted: string }[] =
      await this.dataSource.query(
        `SELECT x.school_id, x.township_code, sum(x.served)::int AS served, sum(x.fees)::bigint AS fees, sum(x.exempted)::bigint AS exempted
       FROM (
         SELECT school_id, township_code, served, 0::bigint AS fees, 0::bigint AS exempted FROM after_school_participation WHERE semester = $1
         UNION ALL
         SELECT c.school_id, c.township_code, 0, (c.students - c.exempted_students) * f.fee_fen_per_semester, c.exempted_students * f.fee_fen_per_semester
         FROM after_school_fee_charge c JOIN after_school_fee_standard f ON f.code = c.fee_standard_code WHERE c.semester = $1
       ) x
       WHERE true${conditions}
       GROUP BY x.school_id, x.township_code ORDER BY x.township_code, x.school_id`,
        params,
      );
    return rows.map((r) => ({
      schoolId: r.school_id,
      townshipCode: r.township_code,
      semester: filter.semester,
      studentsFunded: r.served,
      fundedFen: BigInt(r.served) * halfYearFen,
      feesChargedFen: BigInt(r.fees),
      exemptedFen: BigInt(r.exempted),
    }));
  }
}
