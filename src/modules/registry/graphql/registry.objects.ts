import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../platform/graphql/node';
import { formatMoney } from '../../../platform/database/money';
import { Paginated } from '../../../platform/graphql/pagination';
import { AnnualReviewChecklist } from '../entities/annual-review-checklist.entity';
import { AnnualReview, AnnualReviewResult } from '../entities/annual-review.entity';
import { Course, CourseMode } from '../entities/course.entity';
import {
  Institution,
  InstitutionCategory,
  InstitutionStatus,
  LegalForm,
  NonSubjectKind,
} from '../entities/institution.entity';
import { CheckStatus } from '../entities/premises.entity';
import { BackgroundCheck, StaffPosition } from '../entities/staff.entity';
import { MaterialKind, ReviewStatus } from '../entities/training-material.entity';
import { LeadKind, LeadSource, LeadStatus, UnlicensedLead } from '../entities/unlicensed-lead.entity';
import { PublicProfile } from '../public-profile.service';
import { StaffView } from '../records.types';
import { CourseTopic } from './registry.enums';

@ObjectType('Institution', {
  implements: () => [NodeInterface],
  description: 'Off-campus training institution (校外培训机构) in the county register, with its licence and state.',
})
export class InstitutionObject {
  @Field(() => ID, { description: 'Id of the institution.' }) id!: string;
  @Field({ description: 'Registered name (机构名称).' }) name!: string;
  @Field({ description: 'Unified social credit code (统一社会信用代码), 18 characters.' }) creditCode!: string;
  @Field(() => InstitutionCategory, { description: 'Subject (学科类) or non-subject (非学科类).' })
  category!: InstitutionCategory;
  @Field(() => NonSubjectKind, {
    nullable: true,
    description: 'Kind of a non-subject institution; null for a subject one.',
  })
  nonSubjectKind!: NonSubjectKind | null;
  @Field(() => LegalForm, { description: 'For-profit (营利性) or non-profit (非营利性).' }) legalForm!: LegalForm;
  @Field({ description: 'Code of the competent department (主管部门), e.g. EDU.' }) competentDepartmentCode!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Number of the school-running licence (办学许可证编号); null before approval.',
  })
  licenceNumber!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day the licence is valid; null before approval.' })
  licenceValidFrom!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day the licence is valid; null before approval.' })
  licenceValidUntil!: string | null;
  @Field({ description: 'Code of the township (乡镇/街道) the institution is registered in.' }) townshipCode!: string;
  @Field(() => String, { nullable: true, description: 'Code of its grid (网格) in that township, if known.' })
  gridCode!: string | null;
  @Field({ description: 'Registered address (住所).' }) address!: string;
  @Field({ description: 'Name of the legal representative (法定代表人).' }) legalRepresentative!: string;
  @Field({ description: 'Contact phone number (联系电话).' }) contactPhone!: string;
  @Field({ description: 'Covered by a party organisation (党的组织覆盖).' }) partyOrganisationCovered!: boolean;
  @Field({ description: 'Covered by party work (党的工作覆盖).' }) partyWorkCovered!: boolean;
  @Field(() => InstitutionStatus, { description: 'Where the institution is in its licence lifecycle.' })
  status!: InstitutionStatus;
  @Field({ description: 'When the institution entered the register.' }) createdAt!: Date;
  @Field({ description: 'When its record last changed.' }) updatedAt!: Date;

  static from(i: Institution): InstitutionObject {
    return Object.assign(new InstitutionObject(), i);
  }
}

export const InstitutionConnection = Paginated(InstitutionObject, 'Institution');

@ObjectType('Premises', {
  description: 'Premises (办学场所) of an institution and its fire, health and safety checks.',
})
export class PremisesObject {
  @Field(() => ID, { description: 'Id of the premises.' }) id!: string;
  @Field(() => ID, { description: 'Id of the institution it belongs to.' }) institutionId!: string;
  @Field({ description: 'Address of the premises (办学地址).' }) address!: string;
  @Field(() => Int, { description: 'Floor area in square metres (m²).' }) floorAreaM2!: number;
  @Field(() => CheckStatus, { description: 'Fire design review (消防设计审查) by housing and construction (住建局).' })
  fireDesignReview!: CheckStatus;
  @Field(() => CheckStatus, { description: 'Fire acceptance (消防验收) by housing and construction (住建局).' })
  fireAcceptance!: CheckStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Day of the fire acceptance result, if recorded.' })
  fireAcceptanceDate!: string | null;
  @Field(() => CheckStatus, { description: 'Fire safety inspection (消防安全检查) by fire and rescue (消防救援支队).' })
  fireInspection!: CheckStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Day of the fire inspection result, if recorded.' })
  fireInspectionDate!: string | null;
  @Field(() => CheckStatus, { description: 'Health inspection (卫生监督) by the health commission (卫健局).' })
  healthInspection!: CheckStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Day of the health inspection result, if recorded.' })
  healthInspectionDate!: string | null;
  @Field({ description: 'Security guards on duty (人防).' }) securityGuards!: boolean;
  @Field({ description: 'Physical protection in place (物防).' }) physicalProtection!: boolean;
  @Field({ description: 'Technical protection in place (技防), e.g. video surveillance.' })
  technicalProtection!: boolean;
}

@ObjectType('Staff', { description: 'Staff member (从业人员) of an institution; the ID number only masked.' })
export class StaffObject {
  @Field(() => ID, { description: 'Id of the staff record.' }) id!: string;
  @Field(() => ID, { description: 'Id of the institution employing the person.' }) institutionId!: string;
  @Field({ description: 'Full name of the person.' }) name!: string;
  @Field({ description: 'Resident ID number masked, e.g. 5201**********123X.' }) idNumberMasked!: string;
  @Field(() => StaffPosition, { description: 'Position at the institution.' }) position!: StaffPosition;
  @Field(() => String, {
    nullable: true,
    description: 'Qualification, e.g. a teacher certificate number (教师资格证).',
  })
  qualification!: string | null;
  @Field(() => BackgroundCheck, { description: 'State of the background check (背景审查).' })
  backgroundCheck!: BackgroundCheck;
  @Field({ description: 'Matched the in-service teacher roster (在职教师): banned from off-campus training.' })
  inServiceTeacher!: boolean;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Day the background check was completed; null while PENDING.',
  })
  backgroundCheckedOn!: string | null;
  @Field({ description: 'Still employed (false after leaving, 离职).' }) active!: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of employment (离职); null while employed.' })
  employmentEndedOn!: string | null;
  @Field({ description: 'When the staff member was registered.' }) createdAt!: Date;

  static from(s: StaffView): StaffObject {
    return Object.assign(new StaffObject(), {
      id: s.id,
      institutionId: s.institutionId,
      name: s.name,
      idNumberMasked: s.idNumberMasked,
      position: s.position,
      qualification: s.qualification,
      backgroundCheck: s.backgroundCheck,
      inServiceTeacher: s.inServiceTeacherId !== null,
      backgroundCheckedOn: s.backgroundCheckedOn,
      active: s.active,
      employmentEndedOn: s.employmentEndedOn,
      createdAt: s.createdAt,
    });
  }
}

@ObjectType('CourseWeeklySlot', { description: 'A weekly lesson of a course, in local time (China Standard Time).' })
export class WeeklySlotObject {
  @Field(() => Int, { description: 'Day of the week: 1 = Monday … 7 = Sunday.' }) weekday!: number;
  @Field({ description: 'Start time, HH:MM.' }) start!: string;
  @Field({ description: 'End time, HH:MM.' }) end!: string;
}

@ObjectType('CourseExtraSession', { description: 'A one-off lesson of a course on a day (补课), in local time.' })
export class ExtraSessionObject {
  @Field(() => DateScalar, { description: 'Day of the lesson.' }) date!: string;
  @Field({ description: 'Start time, HH:MM.' }) start!: string;
  @Field({ description: 'End time, HH:MM.' }) end!: string;
}

@ObjectType('Course', { description: 'Course (课程) of an institution and its schedule.' })
export class CourseObject {
  @Field(() => ID, { description: 'Id of the course.' }) id!: string;
  @Field(() => ID, { description: 'Id of the institution offering it.' }) institutionId!: string;
  @Field({ description: 'Name of the course.' }) name!: string;
  @Field(() => CourseTopic, { description: 'Topic of the course.' }) topic!: string;
  @Field({ description: 'A school subject (学科类), from its topic.' }) subject!: boolean;
  @Field(() => [Int], { description: 'Grades taught, 1–12.' }) targetGrades!: number[];
  @Field(() => CourseMode, { description: 'In person or online.' }) mode!: CourseMode;
  @Field(() => Int, { description: 'Length of one lesson in minutes.' }) lessonMinutes!: number;
  @Field({ description: 'Price per lesson hour in yuan, two decimals, e.g. "120.00".' }) pricePerHour!: string;
  @Field(() => DateScalar, { description: 'First day of the term.' }) termStart!: string;
  @Field(() => DateScalar, { description: 'Last day of the term (earlier if the course was ended early).' })
  termEnd!: string;
  @Field(() => [WeeklySlotObject], { description: 'Weekly lessons.' }) weeklySlots!: WeeklySlotObject[];
  @Field(() => [ExtraSessionObject], { description: 'One-off lessons (补课).' }) extraSessions!: ExtraSessionObject[];
  @Field({ description: 'When the course was added.' }) createdAt!: Date;

  static from(c: Course): CourseObject {
    return Object.assign(new CourseObject(), { ...c, pricePerHour: formatMoney(c.pricePerHourFen) });
  }
}

@ObjectType('TrainingMaterial', {
  description: 'Training material or enrolment ad under review (培训材料/招生广告审核).',
})
export class TrainingMaterialObject {
  @Field(() => ID, { description: 'Id of the submitted material.' }) id!: string;
  @Field(() => ID, { description: 'Id of the institution that submitted it.' }) institutionId!: string;
  @Field(() => ID, { nullable: true, description: 'Id of the course it belongs to, if any.' }) courseId!: string | null;
  @Field(() => MaterialKind, { description: 'Training material or enrolment ad.' }) kind!: MaterialKind;
  @Field({ description: 'Title of the material.' }) title!: string;
  @Field({ description: 'The text reviewed.' }) content!: string;
  @Field(() => ReviewStatus, { description: 'Where the review is.' }) status!: ReviewStatus;
  @Field(() => String, { nullable: true, description: 'Why it was rejected; null unless REJECTED.' })
  reviewReasons!: string | null;
  @Field(() => String, { nullable: true, description: 'Username of the reviewer; null until reviewed.' })
  reviewedBy!: string | null;
  @Field({ description: 'When it was submitted.' }) submittedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was reviewed; null until reviewed.' })
  reviewedAt!: Date | null;
}

@ObjectType('AnnualReviewScore', { description: 'The score given for one checklist item in an annual review.' })
export class AnnualReviewScoreObject {
  @Field({ description: 'Code of the checklist item.' }) code!: string;
  @Field(() => Int, { description: 'Score given.' }) score!: number;
}

@ObjectType('AnnualReview', { description: 'Annual review (年审年检) of an institution for one year.' })
export class AnnualReviewObject {
  @Field(() => ID, { description: 'Id of the annual review.' }) id!: string;
  @Field(() => ID, { description: 'Id of the institution reviewed.' }) institutionId!: string;
  @Field(() => Int, { description: 'The year reviewed.' }) year!: number;
  @Field(() => [AnnualReviewScoreObject], { description: 'The score per checklist item.' })
  scores!: AnnualReviewScoreObject[];
  @Field(() => Int, { description: 'Total score.' }) score!: number;
  @Field(() => AnnualReviewResult, { description: 'Result from the total score (合格/基本合格/不合格).' })
  result!: AnnualReviewResult;
  @Field(() => String, { nullable: true, description: 'Remarks of the reviewers (评语).' }) remarks!: string | null;
  @Field({ description: 'Username of the person who recorded the review.' }) reviewedBy!: string;
  @Field({ description: 'When the review was recorded.' }) createdAt!: Date;

  static from(r: AnnualReview): AnnualReviewObject {
    return Object.assign(new AnnualReviewObject(), {
      ...r,
      scores: Object.entries(r.scores).map(([code, score]) => ({ code, score })),
    });
  }
}

@ObjectType('AnnualReviewChecklistItem', { description: 'One scored item of an annual review checklist.' })
export class ChecklistItemObject {
  @Field({ description: 'Stable code of the item (A-Z, 0-9 and _).' }) code!: string;
  @Field({ description: 'What is assessed.' }) title!: string;
  @Field(() => Int, { description: 'Highest score of the item.' }) maxScore!: number;
}

@ObjectType('AnnualReviewChecklist', {
  description: 'The scored checklist of a year (年审年检评分表) and its pass marks.',
})
export class AnnualReviewChecklistObject {
  @Field(() => Int, { description: 'The year it applies to.' }) year!: number;
  @Field(() => [ChecklistItemObject], { description: 'The scored items.' }) items!: ChecklistItemObject[];
  @Field(() => Int, { description: 'Lowest total score of a PASS (合格).' }) passScore!: number;
  @Field(() => Int, { description: 'Lowest total score of a BASIC_PASS (基本合格).' }) basicPassScore!: number;

  static from(c: AnnualReviewChecklist): AnnualReviewChecklistObject {
    return Object.assign(new AnnualReviewChecklistObject(), c);
  }
}

@ObjectType('UnlicensedLead', {
  implements: () => [NodeInterface],
  description: 'Lead on unlicensed or variant training (非法/变异培训线索).',
})
export class UnlicensedLeadObject {
  @Field(() => ID, { description: 'Id of the lead.' }) id!: string;
  @Field({ description: 'Code of the township (乡镇/街道) where the training takes place.' }) townshipCode!: string;
  @Field(() => String, { nullable: true, description: 'Code of the grid (网格) of that township, if known.' })
  gridCode!: string | null;
  @Field({ description: 'Where: the address or a description of the place.' }) location!: string;
  @Field(() => Number, { nullable: true, description: 'Latitude of the place, degrees (WGS 84), if known.' })
  latitude!: number | null;
  @Field(() => Number, { nullable: true, description: 'Longitude of the place, degrees (WGS 84), if known.' })
  longitude!: number | null;
  @Field(() => LeadKind, { description: 'What kind of training is reported.' }) kind!: LeadKind;
  @Field(() => LeadSource, { description: 'Where the lead came from.' }) source!: LeadSource;
  @Field({ description: 'What was seen or reported.' }) description!: string;
  @Field(() => LeadStatus, { description: 'Where the lead is in its handling.' }) status!: LeadStatus;
  @Field(() => String, { nullable: true, description: 'What the investigation found; null until resolved.' })
  findings!: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the registered institution a regularised lead became.' })
  institutionId!: string | null;
  @Field({ description: 'When the lead was recorded.' }) reportedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the investigation started; null while OPEN.' })
  investigationStartedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the lead was resolved; null while open.' })
  resolvedAt!: Date | null;
  @Field({ description: 'Still open past the clearance deadline (动态清零).' }) overdue!: boolean;

  static from(l: UnlicensedLead, overdueBefore: Date): UnlicensedLeadObject {
    return Object.assign(new UnlicensedLeadObject(), {
      ...l,
      latitude: l.latitude === null ? null : Number(l.latitude),
      longitude: l.longitude === null ? null : Number(l.longitude),
      overdue: (l.status === LeadStatus.OPEN || l.status === LeadStatus.INVESTIGATING) && l.reportedAt < overdueBefore,
    });
  }
}

export const UnlicensedLeadConnection = Paginated(UnlicensedLeadObject, 'UnlicensedLead');

@ObjectType('InstitutionPublicProfile', {
  description:
    'What the public may read about an institution (机构公示), as its licence shows it: no contacts, no staff, no legal representative.',
})
export class InstitutionPublicProfileObject implements PublicProfile {
  /** Not a field: other modules' fields on the profile load by it. */
  institutionId!: string;
  @Field({ description: 'Registered name (机构名称).' }) name!: string;
  @Field({ description: 'Unified social credit code (统一社会信用代码).' }) creditCode!: string;
  @Field({ description: 'Code of the township (乡镇/街道) the institution is registered in.' }) townshipCode!: string;
  @Field({ description: 'Registered address (住所).' }) address!: string;
  @Field(() => [String], { description: 'Addresses of its premises (办学地址), as on the licence.' })
  premisesAddresses!: string[];
  @Field(() => InstitutionCategory, { description: 'Subject (学科类) or non-subject (非学科类).' })
  category!: InstitutionCategory;
  @Field(() => NonSubjectKind, {
    nullable: true,
    description: 'Kind of a non-subject institution; null for a subject one.',
  })
  nonSubjectKind!: NonSubjectKind | null;
  @Field(() => String, { nullable: true, description: 'Number of the school-running licence (办学许可证编号).' })
  licenceNumber!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day the licence is valid.' })
  licenceValidUntil!: string | null;
  @Field(() => InstitutionStatus, { description: 'Licence state; DEREGISTERED and REVOKED show it was shut down.' })
  status!: InstitutionStatus;
  @Field({ description: 'Complaint hotline (投诉电话) of the county.' }) complaintHotline!: string;
}

@ObjectType('RegistryDashboard', { description: 'Registry KPIs (机构登记指标) in the caller’s jurisdiction.' })
export class RegistryDashboardObject {
  @Field(() => Int, { description: 'For-profit subject institutions not yet reduced (压减; target 0).' })
  subjectInstitutionsRemaining!: number;
  @Field(() => Int, { description: 'Unlicensed-training leads still open.' }) openLeads!: number;
  @Field(() => Int, { description: 'Leads open past the clearance deadline (动态清零; target 0).' })
  overdueLeads!: number;
  @Field(() => Int, { description: 'Days within which a lead must be cleared (动态清零 deadline).' })
  leadClearanceDays!: number;
}
