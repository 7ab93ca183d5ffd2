import { Module } from '@nestjs/common';

/**
 * Inside schools (校内): exam management (考试管理), academic-quality monitoring (学业质量监测),
 * enrolment and service areas (招生入学), teacher burden (教师负担) and cases against serving teachers
 * who tutor for pay. Homework and after-school services stay in the after-school module.
 */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class SchoolsModule {}
