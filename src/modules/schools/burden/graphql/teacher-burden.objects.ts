import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../../platform/graphql/node';
import { Paginated } from '../../../../platform/graphql/pagination';
import { TeacherBurdenDemand } from '../entities/teacher-burden-demand.entity';
import { BurdenApprovalStatus, BurdenDemandKind } from '../teacher-burden.enums';

@ObjectType('TeacherBurdenDemand', {
  implements: () => [NodeInterface],
  description:
    'A non-teaching demand placed on a school (教师负担事项): who asked, what it took, whether the county approved it.',
})
export class TeacherBurdenDemandObject {
  @Field(() => ID, { description: 'The id (a UUID) of the demand.' })
  id!: string;

  @Field(() => ID, { description: 'The school (学校) the demand was placed on.' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)." })
  townshipCode!: string;

  @Field(() => BurdenDemandKind, { description: 'What the demand is.' })
  kind!: BurdenDemandKind;

  @Field({ description: 'Short title (事项名称).' })
  title!: string;

  @Field({ description: 'What was asked of the school; empty when not given.' })
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The requesting department (提出部门) by code; null when an outside body asked.',
  })
  requesterDepartmentCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The requesting outside body (提出单位); null when a department asked.',
  })
  requesterName!: string | null;

  @Field(() => DateScalar, { description: 'First day of the demand (YYYY-MM-DD).' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day of the demand (YYYY-MM-DD).' })
  endsOn!: string;

  @Field(() => Int, { description: 'Teachers involved (参与教师人数).' })
  teachersInvolved!: number;

  @Field(() => Float, { description: 'Teacher-hours in all (占用教师工时), one decimal.' })
  teacherHours!: number;

  @Field(() => BurdenApprovalStatus, { description: 'Whether the county approved the demand.' })
  approvalStatus!: BurdenApprovalStatus;

  @Field(() => String, {
    nullable: true,
    description: 'The approval reference the school declared (审批文号); null: none.',
  })
  approvalReference!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The county's reason for disputing the reference; null: not disputed.",
  })
  disputeReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the county disputed the reference; null: not disputed.' })
  disputedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the school withdrew the demand (撤回); null: in force.' })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the school withdrew it; null: in force.' })
  withdrawalReason!: string | null;

  @Field({ description: 'Who recorded the demand (登记人).' })
  recordedByName!: string;

  @Field({ description: 'When the demand was recorded.' })
  createdAt!: Date;

  @Field({ description: 'When the demand last changed.' })
  updatedAt!: Date;

  static from(d: TeacherBurdenDemand): TeacherBurdenDemandObject {
    return {
      id: d.id,
      schoolId: d.schoolId,
      townshipCode: d.townshipCode,
      kind: d.kind,
      title: d.title,
      description: d.description,
      requesterDepartmentCode: d.requesterDepartmentCode,
      requesterName: d.requesterName,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      teachersInvolved: d.teachersInvolved,
      teacherHours: Number(d.teacherHours),
      approvalStatus: d.approvalStatus,
      approvalReference: d.approvalReference,
      disputeReason: d.disputeReason,
      disputedAt: d.disputedAt,
      withdrawnAt: d.withdrawnAt,
      withdrawalReason: d.withdrawalReason,
      recordedByName: d.recordedByName,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
  }
}

export const TeacherBurdenDemandConnection = Paginated(TeacherBurdenDemandObject, 'TeacherBurdenDemand');

@ObjectType('TeacherBurdenSchoolMonth', {
  description:
    "A school's teacher burden in a month (学校月度教师负担): the demands in force that started in the month.",
})
export class TeacherBurdenSchoolMonthObject {
  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)." })
  townshipCode!: string;

  @Field({ description: 'The month, written YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Demands recorded (事项数).' })
  demands!: number;

  @Field(() => Int, { description: 'Demands without the county’s approval: none declared, or disputed (未经审批).' })
  unapprovedDemands!: number;

  @Field(() => Int, { description: 'Teachers involved, summed over the demands (人次).' })
  teachersInvolved!: number;

  @Field(() => Float, { description: 'Teacher-hours in all (占用教师工时), one decimal: the burden figure.' })
  teacherHours!: number;
}
