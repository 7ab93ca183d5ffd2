import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '../complaints';
import { NotificationsModule } from '../notifications';
import { PolicyModule } from '../policy';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { TEACHER_CASE_ENTITIES, TEACHER_CASE_PROVIDERS } from './teacher-cases/teacher-cases.providers';

/**
 * Inside schools (校内): exam management (考试管理), academic-quality monitoring (学业质量监测),
 * enrolment and service areas (招生入学), teacher burden (教师负担) and cases against serving teachers
 * who tutor for pay. Homework and after-school services stay in the after-school module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([...TEACHER_CASE_ENTITIES]),
    ReferenceModule,
    RegistryModule,
    ComplaintsModule,
    NotificationsModule,
    PolicyModule,
  ],
  providers: [...TEACHER_CASE_PROVIDERS],
  exports: [],
})
export class SchoolsModule {}
