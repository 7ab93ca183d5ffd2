import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../../platform/graphql/node';
import { Paginated } from '../../../../platform/graphql/pagination';
import { EnrolmentPlan } from '../enrolment-plan.entity';
import { AdmissionMethod, EnrolmentPlanDecision, EnrolmentPlanStatus, SchoolSector } from '../enrolment.enums';
import { ServiceArea } from '../service-area.entity';

registerEnumType(SchoolSector, {
  name: 'SchoolSector',
  description: 'Who runs a school (办学性质); a school with none recorded is PUBLIC.',
  valuesMap: {
    PUBLIC: { description: 'A public school (公办学校): admits the children of its service area.' },
    PRIVATE: {
      description: 'A private school (民办学校): enrols county-wide, by computer lottery when oversubscribed.',
    },
  },
});
registerEnumType(AdmissionMethod, {
  name: 'AdmissionMethod',
  description: 'How a school admits (招生方式); every method is without exams, tests or interviews (免试入学).',
  valuesMap: {
    SERVICE_AREA: { description: 'The children of its service area, without exams (免试就近入学); public schools.' },
    LOTTERY_WHEN_OVERSUBSCRIBED: {
      description:
        'Everyone when places suffice, a computer lottery when oversubscribed (电脑随机录取); private schools.',
    },
  },
});
registerEnumType(EnrolmentPlanStatus, {
  name: 'EnrolmentPlanStatus',
  description: 'Where an enrolment plan (招生计划) is: SUBMITTED → APPROVED / RETURNED.',
  valuesMap: {
    SUBMITTED: { description: 'Recorded by the school, awaiting the Education Bureau (已提交).' },
    APPROVED: { description: 'Approved by the Education Bureau (已审核通过); it no longer changes.' },
    RETURNED: { description: 'Returned to the school with a reason (已退回); the school records it again.' },
  },
});
registerEnumType(EnrolmentPlanDecision, {
  name: 'EnrolmentPlanDecision',
  description: "The Education Bureau's decision on a submitted enrolment plan (审核结论).",
  valuesMap: {
    APPROVE: { description: 'Approve the plan (审核通过).' },
    RETURN: { description: 'Return it to the school with a reason (退回).' },
  },
});

@ObjectType('EnrolmentCalendar', {
  description:
    "The county's enrolment calendar of a year (全县招生日程), which public and private schools follow alike (公民同招).",
})
export class EnrolmentCalendarObject {
  @Field(() => Int, { description: 'The enrolment year (招生年度).' })
  year!: number;

  @Field(() => DateScalar, { description: 'First day of registration (报名开始日期).' })
  registrationStart!: string;

  @Field(() => DateScalar, { description: 'Last day of registration (报名截止日期).' })
  registrationEnd!: string;

  @Field(() => DateScalar, { description: 'Day admissions (and any lottery) are decided (录取日期).' })
  admissionDate!: string;
}

@ObjectType('SchoolEnrolmentSector', {
  description: "A school's sector (办学性质) as the Education Bureau recorded it.",
})
export class SchoolSectorObject {
  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field(() => SchoolSector, { description: 'Public or private (公办/民办).' })
  sector!: SchoolSector;
}

@ObjectType('ServiceArea', {
  description:
    "A public school's service area (服务范围) for an enrolment year: the townships it serves whole and the single grid cells (网格) it serves.",
})
export class ServiceAreaObject {
  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field({ description: "The school's code (学校代码)." })
  schoolCode!: string;

  @Field({ description: "The school's name (学校名称)." })
  schoolName!: string;

  @Field({ description: "Division code of the school's own township or street (乡镇/街道)." })
  schoolTownshipCode!: string;

  @Field(() => Int, { description: 'The enrolment year (招生年度).' })
  year!: number;

  @Field(() => [String], { description: 'Townships or streets served whole (整体划入的乡镇/街道), by division code.' })
  townshipCodes!: string[];

  @Field(() => [String], { description: 'Single grid cells served (划入的网格), by code.' })
  gridCellCodes!: string[];

  @Field({ description: 'When the area was last published or changed (公布时间).' })
  updatedAt!: Date;

  static from(a: ServiceArea): ServiceAreaObject {
    return {
      schoolId: a.schoolId,
      schoolCode: a.schoolCode,
      schoolName: a.schoolName,
      schoolTownshipCode: a.schoolTownshipCode,
      year: a.year,
      townshipCodes: a.townshipCodes,
      gridCellCodes: a.gridCellCodes,
      updatedAt: a.updatedAt,
    };
  }
}

export const ServiceAreaConnection = Paginated(ServiceAreaObject, 'ServiceArea', 'service area');

@ObjectType('EntryGradePlaces', { description: 'Places offered in an entry grade (起始年级招生计划数).' })
export class EntryGradePlacesObject {
  @Field(() => Int, { description: 'The entry grade (起始年级): 1 (primary) or 7 (junior secondary).' })
  grade!: number;

  @Field(() => Int, { description: 'Places offered (计划招生人数).' })
  places!: number;
}

@ObjectType('EnrolmentPlan', {
  implements: () => [NodeInterface],
  description: "A school's enrolment plan (招生计划) for a year: places, dates and how it admits.",
})
export class EnrolmentPlanObject {
  @Field(() => ID, { description: 'The id (a UUID) of the plan.' })
  id!: string;

  @Field(() => ID, { description: 'The school (学校).' })
  schoolId!: string;

  @Field({ description: "Division code of the school's township or street (乡镇/街道)." })
  townshipCode!: string;

  @Field(() => Int, { description: 'The enrolment year (招生年度).' })
  year!: number;

  @Field(() => SchoolSector, { description: "The school's sector when the plan was recorded (办学性质)." })
  sector!: SchoolSector;

  @Field(() => EnrolmentPlanStatus, { description: 'Where the plan is: submitted, approved or returned.' })
  status!: EnrolmentPlanStatus;

  @Field(() => [EntryGradePlacesObject], { description: 'Places per entry grade (分年级招生计划).' })
  places!: EntryGradePlacesObject[];

  @Field(() => DateScalar, { description: 'First day of registration (报名开始日期), the county’s.' })
  registrationStart!: string;

  @Field(() => DateScalar, { description: 'Last day of registration (报名截止日期), the county’s.' })
  registrationEnd!: string;

  @Field(() => DateScalar, { description: 'Day admissions are decided (录取日期), the county’s.' })
  admissionDate!: string;

  @Field(() => AdmissionMethod, { description: 'How the school admits (招生方式).' })
  admissionMethod!: AdmissionMethod;

  @Field(() => String, { nullable: true, description: 'What the school tells families (招生简章要点), plain text.' })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: "The reviewer's comment or reason for returning (审核意见)." })
  reviewComment!: string | null;

  @Field({ description: 'When the school last recorded the plan (填报时间).' })
  recordedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the Education Bureau approved or returned it; null before.' })
  reviewedAt!: Date | null;

  static from(p: EnrolmentPlan): EnrolmentPlanObject {
    return {
      id: p.id,
      schoolId: p.schoolId,
      townshipCode: p.townshipCode,
      year: p.year,
      sector: p.sector,
      status: p.status,
      places: p.places,
      registrationStart: p.registrationStart,
      registrationEnd: p.registrationEnd,
      admissionDate: p.admissionDate,
      admissionMethod: p.admissionMethod,
      notes: p.notes,
      reviewComment: p.reviewComment,
      recordedAt: p.recordedAt,
      reviewedAt: p.reviewedAt,
    };
  }
}

export const EnrolmentPlanConnection = Paginated(EnrolmentPlanObject, 'EnrolmentPlan', 'enrolment plan');
