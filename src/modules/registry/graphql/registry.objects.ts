import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
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
  description: 'Off-campus training institution (校外培训机构)',
})
export class InstitutionObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: '统一社会信用代码' }) creditCode!: string;
  @Field(() => InstitutionCategory) category!: InstitutionCategory;
  @Field(() => NonSubjectKind, { nullable: true }) nonSubjectKind!: NonSubjectKind | null;
  @Field(() => LegalForm) legalForm!: LegalForm;
  @Field({ description: '主管部门 (department code)' }) competentDepartmentCode!: string;
  @Field(() => String, { nullable: true, description: '办学许可证 number' }) licenceNumber!: string | null;
  @Field(() => String, { nullable: true }) licenceValidFrom!: string | null;
  @Field(() => String, { nullable: true }) licenceValidUntil!: string | null;
  @Field() townshipCode!: string;
  @Field(() => String, { nullable: true }) gridCode!: string | null;
  @Field() address!: string;
  @Field({ description: '法定代表人' }) legalRepresentative!: string;
  @Field() contactPhone!: string;
  @Field({ description: '党的组织覆盖' }) partyOrganisationCovered!: boolean;
  @Field({ description: '党的工作覆盖' }) partyWorkCovered!: boolean;
  @Field(() => InstitutionStatus) status!: InstitutionStatus;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;

  static from(i: Institution): InstitutionObject {
    return Object.assign(new InstitutionObject(), i);
  }
}

export const InstitutionConnection = Paginated(InstitutionObject, 'Institution');

@ObjectType('Premises', { description: 'Premises (办学场所) and its fire, health and safety checks' })
export class PremisesObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) institutionId!: string;
  @Field() address!: string;
  @Field(() => Int) floorAreaM2!: number;
  @Field(() => CheckStatus, { description: '消防设计审查 (住建局)' }) fireDesignReview!: CheckStatus;
  @Field(() => CheckStatus, { description: '消防验收 (住建局)' }) fireAcceptance!: CheckStatus;
  @Field(() => String, { nullable: true }) fireAcceptanceDate!: string | null;
  @Field(() => CheckStatus, { description: '消防安全检查 (消防救援支队)' }) fireInspection!: CheckStatus;
  @Field(() => String, { nullable: true }) fireInspectionDate!: string | null;
  @Field(() => CheckStatus, { description: '卫生监督 (卫健局)' }) healthInspection!: CheckStatus;
  @Field(() => String, { nullable: true }) healthInspectionDate!: string | null;
  @Field({ description: '人防' }) securityGuards!: boolean;
  @Field({ description: '物防' }) physicalProtection!: boolean;
  @Field({ description: '技防' }) technicalProtection!: boolean;
}

@ObjectType('Staff', { description: 'Staff member (从业人员); the ID number only masked' })
export class StaffObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) institutionId!: string;
  @Field() name!: string;
  @Field({ description: 'ID number masked, e.g. 5201**********123X' }) idNumberMasked!: string;
  @Field(() => StaffPosition) position!: StaffPosition;
  @Field(() => String, { nullable: true }) qualification!: string | null;
  @Field(() => BackgroundCheck) backgroundCheck!: BackgroundCheck;
  @Field({ description: 'Matched the in-service teacher roster (在职教师): banned from off-campus training' })
  inServiceTeacher!: boolean;
  @Field(() => String, { nullable: true, description: 'Day the background check was completed (null while PENDING)' })
  backgroundCheckedOn!: string | null;
  @Field({ description: 'Still employed (false after 离职)' }) active!: boolean;
  @Field(() => String, { nullable: true, description: 'Day the employment ended (离职), null while employed' })
  employmentEndedOn!: string | null;
  @Field() createdAt!: Date;

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

@ObjectType('CourseWeeklySlot', { description: 'A weekly lesson: weekday 1 = Monday … 7 = Sunday' })
export class WeeklySlotObject {
  @Field(() => Int) weekday!: number;
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType('CourseExtraSession', { description: 'A one-off lesson on a date (补课)' })
export class ExtraSessionObject {
  @Field() date!: string;
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType('Course', { description: 'Course (课程) and its weekly schedule' })
export class CourseObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) institutionId!: string;
  @Field() name!: string;
  @Field(() => CourseTopic) topic!: string;
  @Field({ description: 'A school subject (学科类)' }) subject!: boolean;
  @Field(() => [Int]) targetGrades!: number[];
  @Field(() => CourseMode) mode!: CourseMode;
  @Field(() => Int) lessonMinutes!: number;
  @Field({ description: 'Price per lesson hour, yuan with two decimals' }) pricePerHour!: string;
  @Field() termStart!: string;
  @Field() termEnd!: string;
  @Field(() => [WeeklySlotObject]) weeklySlots!: WeeklySlotObject[];
  @Field(() => [ExtraSessionObject]) extraSessions!: ExtraSessionObject[];
  @Field() createdAt!: Date;

  static from(c: Course): CourseObject {
    return Object.assign(new CourseObject(), { ...c, pricePerHour: formatMoney(c.pricePerHourFen) });
  }
}

@ObjectType('TrainingMaterial', {
  description: 'Training material or enrolment ad under review (培训材料/招生广告审核)',
})
export class TrainingMaterialObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => ID, { nullable: true }) courseId!: string | null;
  @Field(() => MaterialKind) kind!: MaterialKind;
  @Field() title!: string;
  @Field() content!: string;
  @Field(() => ReviewStatus) status!: ReviewStatus;
  @Field(() => String, { nullable: true }) reviewReasons!: string | null;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field() submittedAt!: Date;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
}

@ObjectType('AnnualReviewScore')
export class AnnualReviewScoreObject {
  @Field() code!: string;
  @Field(() => Int) score!: number;
}

@ObjectType('AnnualReview', { description: 'Annual review (年审年检) of one year' })
export class AnnualReviewObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => Int) year!: number;
  @Field(() => [AnnualReviewScoreObject]) scores!: AnnualReviewScoreObject[];
  @Field(() => Int) score!: number;
  @Field(() => AnnualReviewResult) result!: AnnualReviewResult;
  @Field(() => String, { nullable: true }) remarks!: string | null;
  @Field() reviewedBy!: string;
  @Field() createdAt!: Date;

  static from(r: AnnualReview): AnnualReviewObject {
    return Object.assign(new AnnualReviewObject(), {
      ...r,
      scores: Object.entries(r.scores).map(([code, score]) => ({ code, score })),
    });
  }
}

@ObjectType('AnnualReviewChecklistItem')
export class ChecklistItemObject {
  @Field() code!: string;
  @Field() title!: string;
  @Field(() => Int) maxScore!: number;
}

@ObjectType('AnnualReviewChecklist', { description: 'The scored checklist of a year (年审年检评分表)' })
export class AnnualReviewChecklistObject {
  @Field(() => Int) year!: number;
  @Field(() => [ChecklistItemObject]) items!: ChecklistItemObject[];
  @Field(() => Int) passScore!: number;
  @Field(() => Int) basicPassScore!: number;

  static from(c: AnnualReviewChecklist): AnnualReviewChecklistObject {
    return Object.assign(new AnnualReviewChecklistObject(), c);
  }
}

@ObjectType('UnlicensedLead', {
  implements: () => [NodeInterface],
  description: 'Lead on unlicensed or variant training (非法/变异培训线索)',
})
export class UnlicensedLeadObject {
  @Field(() => ID) id!: string;
  @Field() townshipCode!: string;
  @Field(() => String, { nullable: true }) gridCode!: string | null;
  @Field() location!: string;
  @Field(() => Number, { nullable: true }) latitude!: number | null;
  @Field(() => Number, { nullable: true }) longitude!: number | null;
  @Field(() => LeadKind) kind!: LeadKind;
  @Field(() => LeadSource) source!: LeadSource;
  @Field() description!: string;
  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => String, { nullable: true }) findings!: string | null;
  @Field(() => ID, { nullable: true }) institutionId!: string | null;
  @Field() reportedAt!: Date;
  @Field(() => Date, { nullable: true }) investigationStartedAt!: Date | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field({ description: 'Still open past the clearance deadline (动态清零)' }) overdue!: boolean;

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
    'What the public may read about an institution (机构公示), as its licence shows it: no contacts, no staff, no legal representative',
})
export class InstitutionPublicProfileObject implements PublicProfile {
  /** Not a field: other modules' fields on the profile load by it. */
  institutionId!: string;
  @Field() name!: string;
  @Field() creditCode!: string;
  @Field({ description: 'Township (乡镇/街道) code the institution is registered in' }) townshipCode!: string;
  @Field({ description: 'Registered address (住所)' }) address!: string;
  @Field(() => [String], { description: 'Addresses of its premises (办学地址), as on the licence' })
  premisesAddresses!: string[];
  @Field(() => InstitutionCategory) category!: InstitutionCategory;
  @Field(() => NonSubjectKind, { nullable: true }) nonSubjectKind!: NonSubjectKind | null;
  @Field(() => String, { nullable: true }) licenceNumber!: string | null;
  @Field(() => String, { nullable: true }) licenceValidUntil!: string | null;
  @Field(() => InstitutionStatus) status!: InstitutionStatus;
  @Field({ description: 'Complaint hotline (投诉电话)' }) complaintHotline!: string;
}

@ObjectType('RegistryDashboard', { description: 'Registry KPIs in the caller’s jurisdiction' })
export class RegistryDashboardObject {
  @Field(() => Int, { description: 'For-profit subject institutions not yet reduced (压减; target 0)' })
  subjectInstitutionsRemaining!: number;
  @Field(() => Int, { description: 'Unlicensed-training leads still open' }) openLeads!: number;
  @Field(() => Int, { description: 'Leads open past the clearance deadline (动态清零; target 0)' })
  overdueLeads!: number;
  @Field(() => Int) leadClearanceDays!: number;
}
