import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../platform/graphql/node';
import { formatMoney } from '../../../platform/database/money';
import { Paginated } from '../../../platform/graphql/pagination';
import { AfterSchoolPlanStaff, StaffKind } from '../entities/after-school-plan-staff.entity';
import { AfterSchoolPlan, PlanStatus } from '../entities/after-school-plan.entity';
import { HomeworkRecord } from '../entities/homework-record.entity';
import { FamilySessionKind } from '../family-education.service';
import { FeeStandard, FundingStatement } from '../funding.service';

registerEnumType(PlanStatus, {
  name: 'AfterSchoolPlanStatus',
  description: 'Status of a one-school-one-plan (一校一案): DRAFT → SUBMITTED → APPROVED / RETURNED',
  valuesMap: {
    DRAFT: { description: 'Being written by the school (草稿); it may be saved again' },
    SUBMITTED: { description: 'Submitted to the Education Bureau, awaiting review (已提交)' },
    APPROVED: { description: 'Approved by the Education Bureau (已审核通过)' },
    RETURNED: { description: 'Returned to the school with a reason (已退回); it may be changed and submitted again' },
  },
});
registerEnumType(StaffKind, {
  name: 'AfterSchoolStaffKind',
  description: 'Kind of after-school staff (课后服务人员类别)',
  valuesMap: {
    TEACHER: { description: 'Teacher on the school roster (在职教师)' },
    VOLUNTEER: { description: 'Volunteer (志愿者, 团县委)' },
    INSTITUTION: { description: 'Non-subject institution brought in (引进非学科类校外培训机构)' },
  },
});
registerEnumType(FamilySessionKind, {
  name: 'FamilySessionKind',
  description: 'Kind of parent-school session (家长学校活动)',
  valuesMap: {
    GUIDANCE: { description: 'Free family-education guidance (免费家庭教育指导)' },
    CONSULTATION: { description: 'Public consultation (公益咨询)' },
  },
});

@ObjectType('AfterSchoolTimeSlot', { description: 'Weekly service time slot (课后服务时段); weekday 1 = Monday' })
class TimeSlotObject {
  @Field(() => Int, { description: 'Day of the week: 1 = Monday … 7 = Sunday' })
  weekday!: number;

  @Field({ description: 'HH:MM, local time' })
  start!: string;

  @Field({ description: 'HH:MM, local time' })
  end!: string;
}

@ObjectType('AfterSchoolPlanStaff', { description: 'Who delivers the plan (课后服务人员)' })
export class PlanStaffObject {
  @Field(() => StaffKind, { description: 'Teacher, volunteer or institution' })
  kind!: StaffKind;

  @Field(() => ID, { nullable: true, description: 'The roster teacher (TEACHER), else null' })
  teacherId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The institution (INSTITUTION), else null' })
  institutionId!: string | null;

  @Field({ description: "The teacher's, volunteer's or institution's name" })
  name!: string;

  static from(s: AfterSchoolPlanStaff): PlanStaffObject {
    return { kind: s.kind, teacherId: s.teacherId, institutionId: s.institutionId, name: s.name };
  }
}

@ObjectType('AfterSchoolPlan', {
  implements: () => [NodeInterface],
  description: 'One school, one plan (一校一案) for a semester',
})
export class PlanObject {
  @Field(() => ID, { description: 'The id (a UUID) of the plan' })
  id!: string;

  @Field(() => ID, { description: 'The school' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)" })
  townshipCode!: string;

  @Field({ description: 'YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  semester!: string;

  @Field(() => PlanStatus, { description: 'Where the plan is: draft, submitted, approved or returned' })
  status!: PlanStatus;

  @Field(() => [TimeSlotObject], { description: 'Weekly service time slots' })
  timeSlots!: TimeSlotObject[];

  @Field({ description: 'Basic care (基础托管)' })
  basicCare!: string;

  @Field(() => [String], { description: 'Customised services (培优提质, 兴趣培育)' })
  customisedServices!: string[];

  @Field(() => String, { nullable: true, description: "The reviewer's comment or reason for returning" })
  reviewComment!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was last submitted; null before' })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last approved or returned; null before' })
  reviewedAt!: Date | null;

  @Field({ description: 'When it was last changed' })
  updatedAt!: Date;

  static from(p: AfterSchoolPlan): PlanObject {
    return {
      id: p.id,
      schoolId: p.schoolId,
      townshipCode: p.townshipCode,
      semester: p.semester,
      status: p.status,
      timeSlots: p.timeSlots,
      basicCare: p.basicCare,
      customisedServices: p.customisedServices,
      reviewComment: p.reviewComment,
      submittedAt: p.submittedAt,
      reviewedAt: p.reviewedAt,
      updatedAt: p.updatedAt,
    };
  }
}

export const PlanConnection = Paginated(PlanObject, 'AfterSchoolPlan');

@ObjectType('AfterSchoolParticipation', {
  description: 'Participation of a class (课后服务参与): enrolled, asking, served',
})
export class ParticipationObject {
  @Field(() => ID, { description: 'The school' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)" })
  townshipCode!: string;

  @Field({ description: 'The semester: YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  semester!: string;

  @Field(() => Int, { description: 'Grade (年级), 1–9' })
  grade!: number;

  @Field({ description: 'The class (班级), e.g. 三(2)班' })
  className!: string;

  @Field(() => Int, { description: 'Students in the class' })
  enrolled!: number;

  @Field(() => Int, { description: 'Students who asked for the service (有需求)' })
  asked!: number;

  @Field(() => Int, { description: 'Students served (参加)' })
  served!: number;
}

@ObjectType('AfterSchoolCoverage', {
  description: 'Coverage of students in need (课后服务覆盖率) = served / asked; target 100 %',
})
export class CoverageObject {
  @Field(() => ID, { nullable: true, description: 'The school (null in township rows)' })
  schoolId?: string | null;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)" })
  townshipCode!: string;

  @Field(() => Int, { description: 'Students enrolled' })
  enrolled!: number;

  @Field(() => Int, { description: 'Students who asked for the service (有需求)' })
  asked!: number;

  @Field(() => Int, { description: 'Students served (参加)' })
  served!: number;

  @Field(() => Float, { nullable: true, description: 'Served / asked, 0–1; null when nobody asked' })
  coverage!: number | null;
}

@ObjectType('TeacherParticipationHours', {
  description: 'Teacher after-school service hours (教师参与课后服务), for performance pay and titles',
})
export class TeacherHoursObject {
  @Field(() => ID, { description: 'The roster teacher' })
  teacherId!: string;

  @Field({ description: "The teacher's name" })
  teacherName!: string;

  @Field(() => ID, { description: 'The school' })
  schoolId!: string;

  @Field(() => Int, { description: 'Days with service in the period' })
  days!: number;

  @Field(() => Int, { description: 'Minutes of service in the period' })
  minutes!: number;

  @Field(() => Float, { description: 'Hours of service in the period (minutes / 60)' })
  hours!: number;
}

@ObjectType('HomeworkSubject', { description: 'The homework of one subject (学科作业)' })
class HomeworkSubjectObject {
  @Field({ description: 'Subject (学科), e.g. 语文' })
  subject!: string;

  @Field(() => Int, { description: 'Estimated minutes' })
  minutes!: number;
}

@ObjectType('HomeworkRecord', {
  description: "A class's homework of a day: publicity (作业公示) and the reported duration",
})
export class HomeworkObject {
  @Field(() => ID, { description: 'The id (a UUID) of the record' })
  id!: string;

  @Field(() => ID, { description: 'The school' })
  schoolId!: string;

  @Field(() => Int, { description: 'Grade (年级), 1–9' })
  grade!: number;

  @Field({ description: 'The class (班级), e.g. 三(2)班' })
  className!: string;

  @Field(() => DateScalar, { description: 'The school day (YYYY-MM-DD)' })
  date!: string;

  @Field(() => [HomeworkSubjectObject], {
    description: 'The homework per subject; empty when there was no written homework',
  })
  subjects!: HomeworkSubjectObject[];

  @Field(() => Int, { description: 'Estimated minutes, the sum over the subjects' })
  estimatedMinutes!: number;

  @Field(() => Int, { nullable: true, description: 'Average minutes the class reported it took; null until reported' })
  reportedMinutes!: number | null;

  @Field(() => Int, {
    description: "The grade's daily limit (1–2: no written homework; 3–6: 60; junior: 90 by default)",
  })
  limitMinutes!: number;

  static from(h: HomeworkRecord): HomeworkObject {
    return {
      id: h.id,
      schoolId: h.schoolId,
      grade: h.grade,
      className: h.className,
      date: h.homeworkDate,
      subjects: h.subjects,
      estimatedMinutes: h.estimatedMinutes,
      reportedMinutes: h.reportedMinutes,
      limitMinutes: h.limitMinutes,
    };
  }
}

@ObjectType('HomeworkCompliance', {
  description: 'Homework publicity rate (公示率) and duration compliance (时长达标率) over a period',
})
export class ComplianceObject {
  @Field(() => ID, { nullable: true, description: 'The school (null in township rows)' })
  schoolId?: string | null;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)" })
  townshipCode!: string;

  @Field(() => Int, {
    description: 'School days in the period: Monday–Friday and adjusted workdays, without holidays and vacations',
  })
  schoolDays!: number;

  @Field(() => Int, { description: 'School days on which at least one class published' })
  publishedDays!: number;

  @Field(() => Int, { description: 'School days without any publication' })
  missingDays!: number;

  @Field(() => Int, {
    description:
      "Classes known: the semester's participation roster and any class that published (township rows: the sum)",
  })
  classes!: number;

  @Field(() => Int, {
    description: 'Σ over school days of the classes that day (a school with no class known counts as one)',
  })
  classDaysExpected!: number;

  @Field(() => Int, { description: 'Class-days with homework published' })
  classDaysPublished!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Daily publicity per class (作业公示率): classDaysPublished / classDaysExpected (0–1)',
  })
  publicityRate!: number | null;

  @Field(() => Int, { description: 'Class-days with a duration reported' })
  classDaysReported!: number;

  @Field(() => Int, { description: "Class-days reported within the grade's daily limit" })
  classDaysWithinLimit!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Duration compliance (时长达标率): classDaysWithinLimit / classDaysReported (0–1); null when nothing was reported',
  })
  durationComplianceRate!: number | null;
}

@ObjectType('AfterSchoolFeeStandard', { description: 'Approved customised-service fee standard (课后服务收费标准)' })
export class FeeStandardObject {
  @Field({ description: 'Stable code of the standard' })
  code!: string;

  @Field({ description: 'Name of the standard (e.g. 兴趣培育)' })
  name!: string;

  @Field({ description: 'Yuan per student per semester, two decimals' })
  feePerSemester!: string;

  @Field({ description: 'Username of the officer who entered the approved standard' })
  approvedBy!: string;

  static from(f: FeeStandard): FeeStandardObject {
    return { code: f.code, name: f.name, feePerSemester: formatMoney(f.feeFenPerSemester), approvedBy: f.approvedBy };
  }
}

@ObjectType('AfterSchoolFundingStatement', {
  description: "A school's semester statement (课后服务经费): county funding, fees charged, exemptions",
})
export class FundingStatementObject {
  @Field(() => ID, { description: 'The school' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)" })
  townshipCode!: string;

  @Field({ description: 'The semester: YYYY-1 (autumn term) or YYYY-2 (spring term)' })
  semester!: string;

  @Field(() => Int, { description: 'Students served by the basic service' })
  studentsFunded!: number;

  @Field({ description: 'County funding (财政补助), yuan' })
  fundedAmount!: string;

  @Field({ description: 'Customised-service fees charged, yuan' })
  feesCharged!: string;

  @Field({ description: 'Fees exempted for families in difficulty (困难家庭减免), yuan' })
  exempted!: string;

  static from(s: FundingStatement): FundingStatementObject {
    return {
      schoolId: s.schoolId,
      townshipCode: s.townshipCode,
      semester: s.semester,
      studentsFunded: s.studentsFunded,
      fundedAmount: formatMoney(s.fundedFen),
      feesCharged: formatMoney(s.feesChargedFen),
      exempted: formatMoney(s.exemptedFen),
    };
  }
}

@ObjectType('FamilyEducationCompletion', {
  description: 'Family education (家校共育) of a school year: sessions and mentor home visits',
})
export class FamilyEducationObject {
  @Field(() => ID, { description: 'The school' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)" })
  townshipCode!: string;

  @Field(() => Int, { description: 'The autumn year the school year starts in' })
  schoolYear!: number;

  @Field(() => Int, { description: 'Free family-education guidance sessions held (家庭教育指导)' })
  guidanceSessions!: number;

  @Field(() => Int, { description: 'Minutes of guidance held' })
  guidanceMinutes!: number;

  @Field(() => Float, {
    description:
      'Guidance in class periods (课时): the minutes divided by the county rule after_school.class_period_minutes (40 by default)',
  })
  guidancePeriods!: number;

  @Field(() => Int, { description: 'Public consultations held (公益咨询)' })
  consultations!: number;

  @Field(() => Float, {
    description:
      'Share of the yearly targets met (seed 四(三) "4次8课时", 2 consultations; county rules after_school.family_*): by default ≥ 4 guidance sessions, ≥ 8 class periods, ≥ 2 consultations',
  })
  sessionTargetsMet!: number;

  @Field(() => Int, { description: 'Students of the classes reported' })
  students!: number;

  @Field(() => Int, { description: 'Students visited at home or met (家访)' })
  visited!: number;

  @Field(() => Float, { nullable: true, description: 'Visited / students (0–1); null when no class was reported' })
  homeVisitRate!: number | null;
}
