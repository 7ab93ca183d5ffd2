import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ExamViolationKind } from '../../schools';

@ObjectType('ExamViolationKindCount', { description: 'How many violations of a kind (违规类别计数).' })
export class ExamViolationKindCountObject {
  @Field(() => ExamViolationKind, { description: 'The kind.' })
  kind!: ExamViolationKind;

  @Field(() => Int, { description: 'Violations of that kind.' })
  count!: number;
}

@ObjectType('DashboardExams', { description: 'Exam management (考试管理) of the term of asOf.' })
export class DashboardExamsObject {
  @Field({ description: 'The term of asOf: YYYY-1 (autumn) or YYYY-2 (spring).' })
  term!: string;

  @Field(() => Int, { description: 'Schools of the county or township (学校数).' })
  schools!: number;

  @Field(() => Int, { description: 'Schools that recorded an exam plan or an exam for the term.' })
  schoolsRecorded!: number;

  @Field(() => Int, { description: 'Schools without an exam plan for the term (未报考试计划).' })
  schoolsWithoutPlan!: number;

  @Field(() => Int, { description: 'Schools that recorded and have no violation in the term (合规学校).' })
  schoolsCompliant!: number;

  @Field(() => Int, { description: 'Schools with at least one violation in the term.' })
  schoolsWithViolations!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Compliant schools over schools that recorded (0–1, four decimals); null when none recorded.',
  })
  complianceRate!: number | null;

  @Field(() => [ExamViolationKindCountObject], { description: 'Violations of the term by kind, most frequent first.' })
  violationsByKind!: ExamViolationKindCountObject[];
}
