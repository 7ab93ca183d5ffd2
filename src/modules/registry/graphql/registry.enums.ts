import { registerEnumType } from '@nestjs/graphql';
import { AnnualReviewResult } from '../entities/annual-review.entity';
import { CourseMode } from '../entities/course.entity';
import { InstitutionCategory, InstitutionStatus, LegalForm, NonSubjectKind } from '../entities/institution.entity';
import { CheckStatus } from '../entities/premises.entity';
import { BackgroundCheck, StaffPosition } from '../entities/staff.entity';
import { MaterialKind, ReviewStatus } from '../entities/training-material.entity';
import { LeadKind, LeadSource, LeadStatus } from '../entities/unlicensed-lead.entity';
import { PremisesCheck } from '../records.types';
import { COURSE_TOPICS, CourseTopic as CourseTopicName } from '../topics';

export const CourseTopic = Object.fromEntries(COURSE_TOPICS.map((t) => [t, t])) as Record<string, string>;

registerEnumType(InstitutionCategory, {
  name: 'InstitutionCategory',
  description: 'Category of an institution: subject (学科类) or non-subject (非学科类) training.',
  valuesMap: {
    SUBJECT: { description: 'Subject training (学科类): school subjects of compulsory education.' },
    NON_SUBJECT: { description: 'Non-subject training (非学科类): sports, arts, science and technology, other.' },
  },
});
registerEnumType(InstitutionStatus, {
  name: 'InstitutionStatus',
  description:
    'Licence lifecycle of an institution: APPLIED → APPROVED / REJECTED → OPERATING ⇄ SUSPENDED → DEREGISTERED / REVOKED.',
  valuesMap: {
    APPLIED: { description: 'Applied for a school-running licence (申请办学许可), not yet decided.' },
    APPROVED: { description: 'Licence issued (办学许可证), not yet operating.' },
    REJECTED: { description: 'Application refused; final.' },
    OPERATING: { description: 'Licensed and operating (正常办学).' },
    SUSPENDED: { description: 'Suspended for rectification (停业整顿); may resume operating.' },
    DEREGISTERED: { description: 'Deregistered (注销); final.' },
    REVOKED: { description: 'Licence revoked (吊销办学许可证); final.' },
  },
});
registerEnumType(LegalForm, {
  name: 'InstitutionLegalForm',
  description: 'Legal form of an institution: for-profit (营利性) or non-profit (非营利性).',
  valuesMap: {
    FOR_PROFIT: { description: 'For-profit (营利性), registered with market regulation (市场监管局).' },
    NON_PROFIT: { description: 'Non-profit (非营利性), registered with civil affairs (民政局).' },
  },
});
registerEnumType(NonSubjectKind, {
  name: 'NonSubjectKind',
  description: 'Kind of a non-subject institution (非学科类).',
  valuesMap: {
    SPORTS: { description: 'Sports (体育).' },
    ARTS: { description: 'Culture and arts (文化艺术).' },
    SCIENCE_TECH: { description: 'Science and technology (科技).' },
    OTHER: { description: 'Another non-subject kind.' },
  },
});
registerEnumType(CheckStatus, {
  name: 'PremisesCheckStatus',
  description: 'Result of one check of premises (fire, health).',
  valuesMap: {
    PENDING: { description: 'Not yet checked, or no result recorded.' },
    PASSED: { description: 'Passed (合格).' },
    FAILED: { description: 'Failed (不合格).' },
  },
});
registerEnumType(PremisesCheck, {
  name: 'PremisesCheck',
  description: 'A check of premises, each recorded by the department holding its duty.',
  valuesMap: {
    FIRE_DESIGN_REVIEW: { description: 'Fire design review (消防设计审查), by housing and construction (住建局).' },
    FIRE_ACCEPTANCE: { description: 'Fire acceptance (消防验收), by housing and construction (住建局).' },
    FIRE_INSPECTION: { description: 'Fire safety inspection (消防检查), by fire and rescue (消防救援支队).' },
    HEALTH_INSPECTION: { description: 'Health inspection (卫生监督), by the health commission (卫健局).' },
  },
});
registerEnumType(StaffPosition, {
  name: 'StaffPosition',
  description: 'Position of a staff member (从业人员岗位).',
  valuesMap: {
    TEACHER: { description: 'Teacher (教师).' },
    MANAGER: { description: 'Manager or administrator (管理人员).' },
    OTHER: { description: 'Other staff (其他人员).' },
  },
});
registerEnumType(BackgroundCheck, {
  name: 'StaffBackgroundCheck',
  description: 'State of a staff member’s background check (背景审查).',
  valuesMap: {
    PENDING: { description: 'Not yet completed.' },
    CLEARED: { description: 'Completed with nothing found (审查通过).' },
    FAILED: { description: 'Completed with a disqualifying finding (审查未通过).' },
  },
});
registerEnumType(CourseMode, {
  name: 'CourseMode',
  description: 'How a course is taught.',
  valuesMap: {
    OFFLINE: { description: 'In person at the premises (线下).' },
    ONLINE: { description: 'Online (线上).' },
  },
});
const TOPIC_DESCRIPTIONS: Record<CourseTopicName, string> = {
  MORALITY_AND_LAW: 'Morality and law (道德与法治); a subject.',
  CHINESE: 'Chinese (语文); a subject.',
  HISTORY: 'History (历史); a subject.',
  GEOGRAPHY: 'Geography (地理); a subject.',
  MATHEMATICS: 'Mathematics (数学); a subject.',
  FOREIGN_LANGUAGE: 'Foreign language (外语); a subject.',
  PHYSICS: 'Physics (物理); a subject.',
  CHEMISTRY: 'Chemistry (化学); a subject.',
  BIOLOGY: 'Biology (生物); a subject.',
  PHYSICAL_EDUCATION: 'Sports (体育); non-subject.',
  ARTS: 'Arts (艺术); non-subject.',
  COMPREHENSIVE_PRACTICE: 'Comprehensive practice (综合实践活动), science and technology included; non-subject.',
};
registerEnumType(CourseTopic, {
  name: 'CourseTopic',
  description:
    'Topic of a course: a school subject (学科类: 道德与法治, 语文, 历史, 地理, 数学, 外语, 物理, 化学, 生物) or a non-subject area (非学科类: 体育, 艺术, 综合实践活动).',
  valuesMap: Object.fromEntries(COURSE_TOPICS.map((t) => [t, { description: TOPIC_DESCRIPTIONS[t] }])) as Record<
    string,
    { description: string }
  >,
});
registerEnumType(MaterialKind, {
  name: 'TrainingMaterialKind',
  description: 'What is submitted for review: training material (培训材料) or an enrolment ad (招生广告).',
  valuesMap: {
    MATERIAL: { description: 'Training material (培训材料), reviewed by the licensing department.' },
    ENROLMENT_AD: { description: 'Enrolment advertisement (招生广告), also reviewed by market regulation.' },
  },
});
registerEnumType(ReviewStatus, {
  name: 'MaterialReviewStatus',
  description: 'Review state of training material or an enrolment ad (审核状态).',
  valuesMap: {
    SUBMITTED: { description: 'Submitted, awaiting review (待审核).' },
    APPROVED: { description: 'Approved (审核通过).' },
    REJECTED: { description: 'Rejected, with reasons (审核不通过).' },
  },
});
registerEnumType(AnnualReviewResult, {
  name: 'AnnualReviewResult',
  description: 'Result of an annual review (年审年检结论), from its score against the year’s pass marks.',
  valuesMap: {
    PASS: { description: 'Pass (合格): the score reaches the pass score.' },
    BASIC_PASS: { description: 'Basic pass (基本合格): the score reaches the basic pass score only.' },
    FAIL: { description: 'Fail (不合格): below the basic pass score.' },
  },
});
registerEnumType(LeadKind, {
  name: 'UnlicensedLeadKind',
  description:
    'What a lead reports: unlicensed training (无证无照) or training disguised as something else (变异培训).',
  valuesMap: {
    UNLICENSED: { description: 'Training without a licence (无证无照).' },
    HOUSEKEEPING: { description: 'Disguised as housekeeping services (家政).' },
    DAY_CARE: { description: 'Disguised as day care (托管).' },
    STUDY_TOUR: { description: 'Disguised as a study tour (研学).' },
    SUMMER_CAMP: { description: 'Disguised as a summer camp (夏令营).' },
    ONE_TO_ONE_HOME: { description: 'Live-in or one-to-one home tutoring (住家教师/一对一).' },
    ONLINE: { description: 'Online training (线上).' },
    OTHER: { description: 'Another form.' },
  },
});
registerEnumType(LeadSource, {
  name: 'UnlicensedLeadSource',
  description: 'Where a lead came from (线索来源).',
  valuesMap: {
    GRID_PATROL: { description: 'Grid patrol (网格巡查).' },
    COMPLAINT: { description: 'Complaint or report (投诉举报).' },
    PUBLIC_OPINION: { description: 'Public opinion monitoring (舆情监测).' },
    INSPECTION: { description: 'Supervisory inspection (督导检查).' },
  },
});
registerEnumType(LeadStatus, {
  name: 'UnlicensedLeadStatus',
  description: 'State of a lead: OPEN → INVESTIGATING → CLOSED / REGULARISED / UNFOUNDED.',
  valuesMap: {
    OPEN: { description: 'Recorded, not yet investigated.' },
    INVESTIGATING: { description: 'Under investigation (核查中).' },
    CLOSED: { description: 'Training found and shut down (取缔).' },
    REGULARISED: { description: 'Training found and brought into the register (规范登记).' },
    UNFOUNDED: { description: 'Nothing found (查无实据).' },
  },
});
