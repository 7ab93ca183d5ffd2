import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { Paginated } from '../../../../platform/graphql/pagination';
import { ExamPlan } from '../entities/exam-plan.entity';
import { ExamViolation, ExamViolationSource } from '../entities/exam-violation.entity';
import { SchoolExam } from '../entities/school-exam.entity';
import { ExamFormat, ExamKind, ExamOrganiser, ExamResultForm, ExamResultLevel, ExamViolationKind } from '../exam.rules';

registerEnumType(ExamKind, {
  name: 'ExamKind',
  description: 'What an exam is for and how often it recurs (考试类型).',
  valuesMap: {
    END_OF_TERM: { description: 'End-of-term exam (期末考试): at most one a term in grades 3–9.' },
    MID_TERM: { description: 'Mid-term exam (期中考试): junior-high grades (7–9) may add one a term; primary none.' },
    UNIT_TEST: { description: 'Unit test organised by the school or a region (单元考试): not allowed.' },
    WEEKLY_TEST: { description: 'Weekly test (周考): not allowed.' },
    MONTHLY_TEST: { description: 'Monthly test (月考): not allowed.' },
    SELECTION: { description: 'Exam for selection, class placement or admission (选拔性考试): not allowed.' },
  },
});
registerEnumType(ExamFormat, {
  name: 'ExamFormat',
  description: 'How pupils are assessed (考试形式).',
  valuesMap: {
    PAPER: { description: 'Paper-and-pencil exam (纸笔考试): not allowed in grades 1–2.' },
    NON_WRITTEN: { description: 'Non-written assessment: games, activities, situations (非纸笔测评).' },
  },
});
registerEnumType(ExamOrganiser, {
  name: 'ExamOrganiser',
  description: 'Who set the exam (考试组织者).',
  valuesMap: {
    SCHOOL: { description: 'The school itself (学校组织).' },
    TOWNSHIP: { description: 'The township or school district (乡镇/学区组织).' },
    COUNTY: { description: 'The county (县级组织).' },
  },
});
registerEnumType(ExamResultForm, {
  name: 'ExamResultForm',
  description: 'How results were given to pupils and parents (成绩呈现方式).',
  valuesMap: {
    LEVELS: { description: 'As grades or levels (等级评价), as the rules require.' },
    SCORES: { description: 'As scores (分数): a breach of the rules.' },
  },
});
registerEnumType(ExamResultLevel, {
  name: 'ExamResultLevel',
  description: 'A level of a graded result (等级).',
  valuesMap: {
    EXCELLENT: { description: 'Excellent (优秀).' },
    GOOD: { description: 'Good (良好).' },
    PASS: { description: 'Pass (合格).' },
    BELOW_PASS: { description: 'Not yet passing (待合格).' },
  },
});
registerEnumType(ExamViolationKind, {
  name: 'ExamViolationKind',
  description: 'Which national exam rule a plan, an exam or its results break (考试管理违规类别).',
  valuesMap: {
    PAPER_EXAM_IN_GRADES_1_2: { description: 'A paper-and-pencil exam in grade 1 or 2 (一二年级纸笔考试).' },
    EXTRA_END_OF_TERM_EXAM: { description: 'More than one end-of-term exam in a term (期末考试超过一次).' },
    MID_TERM_IN_PRIMARY: { description: 'A mid-term exam in a primary grade (小学组织期中考试).' },
    EXTRA_MID_TERM_EXAM: { description: 'More than one mid-term exam in a junior-high term (初中期中考试超过一次).' },
    ROUTINE_TEST: { description: 'A weekly, monthly or unit test (周考、月考、单元考试).' },
    SELECTION_EXAM: { description: 'An exam for selection or admission (选拔性考试).' },
    RESULTS_AS_SCORES: { description: 'Results given as scores instead of grades (以分数呈现成绩).' },
    RESULTS_RANKED: { description: 'Pupils ranked by results (成绩排名).' },
    RANKING_PUBLISHED: { description: 'Results published by rank (公布成绩排名).' },
  },
});
registerEnumType(ExamViolationSource, {
  name: 'ExamViolationSource',
  description: 'Where an exam violation was found (违规来源).',
  valuesMap: {
    PLAN: { description: 'In the term’s exam plan (考试计划).' },
    EXAM: { description: 'In an exam held or its results (考试记录).' },
  },
});

@ObjectType('ExamPlanEntry', { description: 'One exam a plan foresees (计划考试), for one or more grades.' })
export class ExamPlanEntryObject {
  @Field(() => ExamKind, { description: 'What the exam is for.' })
  kind!: ExamKind;

  @Field(() => ExamFormat, { description: 'Paper-and-pencil or non-written.' })
  format!: ExamFormat;

  @Field(() => [Int], { description: 'The grades that sit it (1–9), ascending.' })
  grades!: number[];

  @Field(() => [String], { description: 'The subjects (学科).' })
  subjects!: string[];

  @Field(() => DateScalar, { description: 'The planned day (YYYY-MM-DD), within the term.' })
  plannedDate!: string;
}

@ObjectType('ExamPlan', { description: 'A school’s exam plan for a term (学期考试计划).' })
export class ExamPlanObject {
  @Field(() => ID, { description: 'The id (a UUID) of the plan.' })
  id!: string;

  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field({ description: 'Division code of the school’s township (乡镇/街道).' })
  townshipCode!: string;

  @Field({ description: 'The term: YYYY-1 (autumn) or YYYY-2 (spring).' })
  term!: string;

  @Field(() => [ExamPlanEntryObject], { description: 'The exams planned, in the order recorded.' })
  entries!: ExamPlanEntryObject[];

  @Field(() => String, { nullable: true, description: 'The school’s note, if any.' })
  note!: string | null;

  @Field(() => Int, { description: 'How many times the plan was recorded (1 for the first).' })
  version!: number;

  @Field({ description: 'When the plan was first recorded.' })
  createdAt!: Date;

  @Field({ description: 'When the plan was last recorded.' })
  updatedAt!: Date;

  static from(p: ExamPlan): ExamPlanObject {
    return { ...p, entries: p.entries.map((e) => ({ ...e })) };
  }
}

@ObjectType('ExamLevelCount', { description: 'How many pupils reached a level (各等级人数).' })
export class ExamLevelCountObject {
  @Field(() => ExamResultLevel, { description: 'The level.' })
  level!: ExamResultLevel;

  @Field(() => Int, { description: 'Pupils at that level.' })
  count!: number;
}

@ObjectType('ExamResults', {
  description: 'The aggregate results of an exam (考试结果汇总); no pupil’s individual result is kept.',
})
export class ExamResultsObject {
  @Field(() => Int, { description: 'Pupils who sat the exam (参考人数).' })
  participants!: number;

  @Field(() => [ExamLevelCountObject], { description: 'Pupils per level; empty when results were given as scores.' })
  levelCounts!: ExamLevelCountObject[];

  @Field(() => ExamResultForm, { description: 'How the results were given to pupils and parents.' })
  form!: ExamResultForm;

  @Field({ description: 'Whether pupils were ranked by results (排名).' })
  ranked!: boolean;

  @Field({ description: 'Whether results were published by rank (公布排名).' })
  rankingPublished!: boolean;
}

@ObjectType('SchoolExam', { description: 'An exam a school held for one grade (考试记录).' })
export class SchoolExamObject {
  @Field(() => ID, { description: 'The id (a UUID) of the exam record.' })
  id!: string;

  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field({ description: 'Division code of the school’s township (乡镇/街道).' })
  townshipCode!: string;

  @Field({ description: 'The term: YYYY-1 (autumn) or YYYY-2 (spring).' })
  term!: string;

  @Field(() => Int, { description: 'The grade that sat it (1–9).' })
  grade!: number;

  @Field(() => ExamKind, { description: 'What the exam was for.' })
  kind!: ExamKind;

  @Field(() => ExamFormat, { description: 'Paper-and-pencil or non-written.' })
  format!: ExamFormat;

  @Field(() => ExamOrganiser, { description: 'Who set it: the school or a region.' })
  organiser!: ExamOrganiser;

  @Field(() => [String], { description: 'The subjects (学科).' })
  subjects!: string[];

  @Field(() => DateScalar, { description: 'The day it was held (YYYY-MM-DD).' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'The school’s note, if any.' })
  note!: string | null;

  @Field(() => ExamResultsObject, { nullable: true, description: 'The aggregate results; null until recorded.' })
  results!: ExamResultsObject | null;

  @Field(() => Date, { nullable: true, description: 'When the results were last recorded; null before.' })
  resultsRecordedAt!: Date | null;

  @Field({ description: 'When the exam was recorded.' })
  createdAt!: Date;

  static from(e: SchoolExam): SchoolExamObject {
    return {
      id: e.id,
      schoolId: e.schoolId,
      townshipCode: e.townshipCode,
      term: e.term,
      grade: e.grade,
      kind: e.kind,
      format: e.format,
      organiser: e.organiser,
      subjects: e.subjects,
      date: e.examDate,
      note: e.note,
      results: e.results,
      resultsRecordedAt: e.resultsRecordedAt,
      createdAt: e.createdAt,
    };
  }
}

@ObjectType('ExamViolation', {
  description:
    'A breach of the national exam rules found in what a school recorded (考试管理违规); it opens the school’s exam-management inspection.',
})
export class ExamViolationObject {
  @Field(() => ID, { description: 'The id (a UUID) of the violation.' })
  id!: string;

  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field({ description: 'Division code of the school’s township (乡镇/街道).' })
  townshipCode!: string;

  @Field({ description: 'The term: YYYY-1 (autumn) or YYYY-2 (spring).' })
  term!: string;

  @Field(() => Int, { description: 'The grade concerned (1–9).' })
  grade!: number;

  @Field(() => ExamViolationKind, { description: 'Which rule was broken.' })
  kind!: ExamViolationKind;

  @Field(() => ExamViolationSource, { description: 'Found in the plan or in an exam held.' })
  source!: ExamViolationSource;

  @Field(() => ID, { nullable: true, description: 'The plan it was found in (source PLAN), else null.' })
  planId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The exam it was found in (source EXAM), else null.' })
  examId!: string | null;

  @Field({ description: 'What is wrong, in Chinese (违规说明).' })
  description!: string;

  @Field({ description: 'What is wrong, in English.' })
  descriptionEn!: string;

  @Field({ description: 'When it was found (when the plan, exam or results were recorded).' })
  foundAt!: Date;

  static from(v: ExamViolation): ExamViolationObject {
    return {
      id: v.id,
      schoolId: v.schoolId,
      townshipCode: v.townshipCode,
      term: v.term,
      grade: v.grade,
      kind: v.kind,
      source: v.source,
      planId: v.planId,
      examId: v.examId,
      description: v.description.zh,
      descriptionEn: v.description.en,
      foundAt: v.foundAt,
    };
  }
}

@ObjectType('RecordExamPlanPayload', { description: 'The plan as recorded, and the violations found in it now.' })
export class RecordExamPlanPayload {
  @Field(() => ExamPlanObject, { description: 'The plan as stored.' })
  plan!: ExamPlanObject;

  @Field(() => [ExamViolationObject], {
    description: 'Breaches found by this recording (a breach found before is not repeated); empty when none.',
  })
  violations!: ExamViolationObject[];
}

@ObjectType('RecordExamPayload', { description: 'The exam as recorded, and the violations found in it now.' })
export class RecordExamPayload {
  @Field(() => SchoolExamObject, { description: 'The exam as stored.' })
  exam!: SchoolExamObject;

  @Field(() => [ExamViolationObject], {
    description: 'Breaches found by this recording (a breach found before is not repeated); empty when none.',
  })
  violations!: ExamViolationObject[];
}

export const ExamPlanConnection = Paginated(ExamPlanObject, 'ExamPlan', 'exam plan');
export const SchoolExamConnection = Paginated(SchoolExamObject, 'SchoolExam', 'school exam');
export const ExamViolationConnection = Paginated(ExamViolationObject, 'ExamViolation', 'exam violation');
