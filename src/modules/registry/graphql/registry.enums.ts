import { registerEnumType } from '@nestjs/graphql';
import { AnnualReviewResult } from '../entities/annual-review.entity';
import { CourseMode } from '../entities/course.entity';
import { InstitutionCategory, InstitutionStatus, LegalForm, NonSubjectKind } from '../entities/institution.entity';
import { CheckStatus } from '../entities/premises.entity';
import { BackgroundCheck, StaffPosition } from '../entities/staff.entity';
import { MaterialKind, ReviewStatus } from '../entities/training-material.entity';
import { LeadKind, LeadSource, LeadStatus } from '../entities/unlicensed-lead.entity';
import { PremisesCheck } from '../records.types';
import { COURSE_TOPICS } from '../topics';

export const CourseTopic = Object.fromEntries(COURSE_TOPICS.map((t) => [t, t])) as Record<string, string>;

registerEnumType(InstitutionCategory, {
  name: 'InstitutionCategory',
  description: 'SUBJECT 学科类 / NON_SUBJECT 非学科类',
});
registerEnumType(InstitutionStatus, {
  name: 'InstitutionStatus',
  description: 'APPLIED → APPROVED / REJECTED → OPERATING ⇄ SUSPENDED → DEREGISTERED / REVOKED',
});
registerEnumType(LegalForm, {
  name: 'InstitutionLegalForm',
  description: 'FOR_PROFIT 营利性 (市场监管局) / NON_PROFIT 非营利性 (民政局)',
});
registerEnumType(NonSubjectKind, {
  name: 'NonSubjectKind',
  description: 'SPORTS 体育 / ARTS 文化艺术 / SCIENCE_TECH 科技 / OTHER',
});
registerEnumType(CheckStatus, { name: 'PremisesCheckStatus' });
registerEnumType(PremisesCheck, {
  name: 'PremisesCheck',
  description:
    'FIRE_DESIGN_REVIEW 消防设计审查, FIRE_ACCEPTANCE 消防验收, FIRE_INSPECTION 消防检查, HEALTH_INSPECTION 卫生监督',
});
registerEnumType(StaffPosition, { name: 'StaffPosition' });
registerEnumType(BackgroundCheck, { name: 'StaffBackgroundCheck' });
registerEnumType(CourseMode, { name: 'CourseMode' });
registerEnumType(CourseTopic, {
  name: 'CourseTopic',
  description:
    'Subjects (道德与法治, 语文, 历史, 地理, 数学, 外语, 物理, 化学, 生物) and non-subject areas (体育, 艺术, 综合实践活动)',
});
registerEnumType(MaterialKind, {
  name: 'TrainingMaterialKind',
  description: 'MATERIAL 培训材料 / ENROLMENT_AD 招生广告',
});
registerEnumType(ReviewStatus, { name: 'MaterialReviewStatus' });
registerEnumType(AnnualReviewResult, {
  name: 'AnnualReviewResult',
  description: 'PASS 合格 / BASIC_PASS 基本合格 / FAIL 不合格',
});
registerEnumType(LeadKind, {
  name: 'UnlicensedLeadKind',
  description:
    'UNLICENSED 无证无照; disguises: HOUSEKEEPING 家政, DAY_CARE 托管, STUDY_TOUR 研学, SUMMER_CAMP 夏令营 …',
});
registerEnumType(LeadSource, {
  name: 'UnlicensedLeadSource',
  description: 'GRID_PATROL 网格巡查, COMPLAINT 投诉举报, PUBLIC_OPINION 舆情监测, INSPECTION 督导检查',
});
registerEnumType(LeadStatus, {
  name: 'UnlicensedLeadStatus',
  description: 'OPEN → INVESTIGATING → CLOSED (取缔) / REGULARISED / UNFOUNDED',
});
