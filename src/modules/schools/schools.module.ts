import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '../complaints';
import { NotificationsModule } from '../notifications';
import { PolicyModule } from '../policy';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { TEACHER_CASE_ENTITIES, TEACHER_CASE_PROVIDERS } from './teacher-cases/teacher-cases.providers';
import { TEACHER_BURDEN_LINK_RESOLVERS } from './burden/graphql/teacher-burden-links.resolver';
import { TeacherBurdenResolver } from './burden/graphql/teacher-burden.resolver';
import { TeacherBurdenFiguresService } from './burden/teacher-burden-figures.service';
import { TeacherBurdenQueries } from './burden/teacher-burden.queries';
import { TeacherBurdenService } from './burden/teacher-burden.service';
import { ExamPlan } from './exams/entities/exam-plan.entity';
import { ExamViolation } from './exams/entities/exam-violation.entity';
import { SchoolExam } from './exams/entities/school-exam.entity';
import { ExamFindings } from './exams/exam-findings';
import { ExamPlanService } from './exams/exam-plan.service';
import { ExamRecordService } from './exams/exam-record.service';
import { ExamDashboard } from './exams/exams.dashboard';
import { ExamQueries } from './exams/exams.queries';
import { EXAM_LINK_RESOLVERS } from './exams/graphql/exams-links.resolver';
import { ExamsResolver } from './exams/graphql/exams.resolver';
import { SchoolsFacade } from './schools.facade';
import { EnrolmentPlan } from './enrolment/enrolment-plan.entity';
import { EnrolmentQueries } from './enrolment/enrolment.queries';
import { EnrolmentService } from './enrolment/enrolment.service';
import { ENROLMENT_LINK_RESOLVERS } from './enrolment/graphql/enrolment-links.resolver';
import { EnrolmentResolver } from './enrolment/graphql/enrolment.resolver';
import { ServiceArea } from './enrolment/service-area.entity';
import { QUALITY_LINK_RESOLVERS } from './quality/graphql/quality-links.resolver';
import { QualityResolver } from './quality/graphql/quality.resolver';
import { QualityResult } from './quality/quality-result.entity';
import { QualityQueries } from './quality/quality.queries';
import { QualityService } from './quality/quality.service';

/**
 * Inside schools (校内): exam management (考试管理), academic-quality monitoring (学业质量监测),
 * enrolment and service areas (招生入学), teacher burden (教师负担) and cases against serving teachers
 * who tutor for pay. Homework and after-school services stay in the after-school module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ExamPlan,
      SchoolExam,
      ExamViolation,
      QualityResult,
      EnrolmentPlan,
      ServiceArea,
      ...TEACHER_CASE_ENTITIES,
    ]),
    ReferenceModule,
    RegistryModule,
    ComplaintsModule,
    NotificationsModule,
    PolicyModule,
  ],
  providers: [
    // teacher burden (教师负担)
    TeacherBurdenQueries,
    TeacherBurdenService,
    TeacherBurdenFiguresService,
    TeacherBurdenResolver,
    ...TEACHER_BURDEN_LINK_RESOLVERS,
    // exams (考试管理)
    ExamQueries,
    ExamFindings,
    ExamPlanService,
    ExamRecordService,
    ExamDashboard,
    ExamsResolver,
    ...EXAM_LINK_RESOLVERS,
    // academic-quality monitoring (学业质量监测)
    QualityService,
    QualityQueries,
    QualityResolver,
    ...QUALITY_LINK_RESOLVERS,
    // enrolment (招生入学)
    EnrolmentService,
    EnrolmentQueries,
    EnrolmentResolver,
    ...ENROLMENT_LINK_RESOLVERS,
    // cases against serving teachers (在职教师有偿补课)
    ...TEACHER_CASE_PROVIDERS,
    SchoolsFacade,
  ],
  exports: [SchoolsFacade],
})
export class SchoolsModule {}
