import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { TEACHER_BURDEN_LINK_RESOLVERS } from './burden/graphql/teacher-burden-links.resolver';
import { TeacherBurdenResolver } from './burden/graphql/teacher-burden.resolver';
import { TeacherBurdenFiguresService } from './burden/teacher-burden-figures.service';
import { TeacherBurdenQueries } from './burden/teacher-burden.queries';
import { TeacherBurdenService } from './burden/teacher-burden.service';
import { SchoolsFacade } from './schools.facade';

/**
 * Inside schools (校内): exam management (考试管理), academic-quality monitoring (学业质量监测),
 * enrolment and service areas (招生入学), teacher burden (教师负担) and cases against serving teachers
 * who tutor for pay. Homework and after-school services stay in the after-school module.
 */
@Module({
  imports: [ReferenceModule, NotificationsModule],
  providers: [
    TeacherBurdenQueries,
    TeacherBurdenService,
    TeacherBurdenFiguresService,
    TeacherBurdenResolver,
    ...TEACHER_BURDEN_LINK_RESOLVERS,
    SchoolsFacade,
  ],
  exports: [SchoolsFacade],
})
export class SchoolsModule {}
