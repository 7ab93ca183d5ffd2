import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../../platform/graphql/node';
import { Paginated } from '../../../../platform/graphql/pagination';
import { TeacherCase, TeacherCaseOutcome, TeacherCaseSource, TeacherCaseStatus } from '../entities/teacher-case.entity';
import { isOverdue } from '../teacher-case.rules';

registerEnumType(TeacherCaseSource, {
  name: 'TeacherCaseSource',
  description: 'Where a case against a serving teacher came from (案件来源).',
  valuesMap: {
    ROSTER_MATCH: {
      description: "The teacher was found on an institution's staff by the roster match (在职教师名册比对).",
    },
    COMPLAINT: {
      description:
        'A paid-tutoring complaint (在职教师有偿补课投诉) naming the teacher, opened by the Education Bureau.',
    },
  },
});
registerEnumType(TeacherCaseStatus, {
  name: 'TeacherCaseStatus',
  description: 'Where a case against a serving teacher is (案件状态): OPEN → DECIDED.',
  valuesMap: {
    OPEN: { description: 'Waiting for the Education Bureau’s decision (待处理).' },
    DECIDED: { description: 'The Education Bureau recorded its outcome (已处理); final.' },
  },
});
registerEnumType(TeacherCaseOutcome, {
  name: 'TeacherCaseOutcome',
  description: 'The Education Bureau’s outcome of a case against a serving teacher (处理结果).',
  valuesMap: {
    DISMISSED: { description: 'Dismissed: not substantiated or no action needed (不予处理/查无实据).' },
    WARNING: { description: 'Criticism and education or a warning (批评教育/警告).' },
    SANCTION_REFERRED: {
      description:
        'Referred to the discipline commission for sanction (移送纪委监委处理); department DISCIPLINE is notified.',
    },
  },
});

@ObjectType('TeacherCase', {
  implements: () => [NodeInterface],
  description: 'A case against a serving public-school teacher who tutors for pay (在职教师有偿补课案件).',
})
export class TeacherCaseObject {
  @Field(() => ID, { description: 'The id (a UUID) of the case.' })
  id!: string;

  @Field(() => ID, { description: 'The roster teacher (在职教师) the case is against.' })
  teacherId!: string;

  @Field({ description: "The teacher's name as on the roster when the case opened (教师姓名)." })
  teacherName!: string;

  @Field({
    description:
      "The roster's keyed hash of the teacher's ID number (名册哈希), 64 hex characters: the teacher's record is kept by it; never the ID number.",
  })
  rosterHash!: string;

  @Field(() => ID, { description: "The teacher's school (学校) when the case opened." })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)." })
  townshipCode!: string;

  @Field(() => TeacherCaseSource, { description: 'Where the case came from (案件来源).' })
  source!: TeacherCaseSource;

  @Field(() => ID, {
    nullable: true,
    description: 'ROSTER_MATCH: the institution (培训机构) where the teacher was found on the staff; else null.',
  })
  institutionId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "ROSTER_MATCH: the institution's staff record (从业人员); else null.",
  })
  staffId!: string | null;

  @Field(() => ID, { nullable: true, description: 'COMPLAINT: the paid-tutoring complaint (投诉); else null.' })
  complaintId!: string | null;

  @Field(() => TeacherCaseStatus, { description: 'OPEN until the Education Bureau decides, then DECIDED.' })
  status!: TeacherCaseStatus;

  @Field(() => GraphQLISODateTime, { description: 'When the case was opened (立案时间).' })
  openedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'What the opening officer noted (立案说明); null when opened by a match.',
  })
  note!: string | null;

  @Field(() => DateScalar, {
    description:
      'Last day for the Education Bureau’s decision (处理期限), YYYY-MM-DD, set by the county rule when opened.',
  })
  decisionDueOn!: string;

  @Field({
    description: 'Whether the case is still open after its decision day (逾期未处理), on today’s business date.',
  })
  overdue!: boolean;

  @Field(() => TeacherCaseOutcome, {
    nullable: true,
    description: 'The Education Bureau’s outcome (处理结果); null while open.',
  })
  outcome!: TeacherCaseOutcome | null;

  @Field(() => String, { nullable: true, description: 'The reasons of the outcome (处理理由); null while open.' })
  outcomeReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the outcome was recorded; null while open.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who recorded the outcome (username); null while open.' })
  decidedBy!: string | null;

  static from(c: TeacherCase, today: string): TeacherCaseObject {
    return {
      id: c.id,
      teacherId: c.teacherId,
      teacherName: c.teacherName,
      rosterHash: c.rosterHash,
      schoolId: c.schoolId,
      townshipCode: c.townshipCode,
      source: c.sourceKind,
      institutionId: c.institutionId,
      staffId: c.staffId,
      complaintId: c.complaintId,
      status: c.status,
      openedAt: c.openedAt,
      note: c.note,
      decisionDueOn: c.decisionDueOn,
      overdue: isOverdue(c, today),
      outcome: c.outcome,
      outcomeReason: c.outcomeReason,
      decidedAt: c.decidedAt,
      decidedBy: c.decidedBy,
    };
  }
}

export const TeacherCaseConnection = Paginated(TeacherCaseObject, 'TeacherCase', 'teacher case');

@ObjectType('TeacherRecord', {
  description:
    "A serving teacher's record of cases (教师违规记录), kept by the roster hash: the cases the caller may read, newest first.",
})
export class TeacherRecordObject {
  @Field(() => String, {
    nullable: true,
    description:
      "The roster's keyed hash of the teacher's ID number (名册哈希); never the ID number. Asked by teacher id, null unless a case is shown.",
  })
  rosterHash!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The roster teacher of the latest case shown; null when none is shown.',
  })
  teacherId!: string | null;

  @Field(() => String, { nullable: true, description: "The teacher's name in the latest case shown; null when none." })
  teacherName!: string | null;

  @Field(() => Int, { description: 'How many of the cases shown are still open.' })
  openCount!: number;

  @Field(() => Int, { description: 'How many of the cases shown ended in a warning (批评教育/警告).' })
  warningCount!: number;

  @Field(() => Int, {
    description: 'How many of the cases shown were referred to the discipline commission (移送纪委监委).',
  })
  sanctionReferredCount!: number;

  @Field(() => [TeacherCaseObject], {
    description: 'The cases the caller may read, newest first (a teacher has few; `teacherCases` pages them).',
  })
  cases!: TeacherCaseObject[];

  static from(rosterHash: string | null, cases: TeacherCase[], today: string): TeacherRecordObject {
    const latest = cases[0];
    return {
      rosterHash,
      teacherId: latest?.teacherId ?? null,
      teacherName: latest?.teacherName ?? null,
      openCount: cases.filter((c) => c.status === TeacherCaseStatus.OPEN).length,
      warningCount: cases.filter((c) => c.outcome === TeacherCaseOutcome.WARNING).length,
      sanctionReferredCount: cases.filter((c) => c.outcome === TeacherCaseOutcome.SANCTION_REFERRED).length,
      cases: cases.map((c) => TeacherCaseObject.from(c, today)),
    };
  }
}
