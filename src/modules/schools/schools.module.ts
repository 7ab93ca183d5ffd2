import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '../reference';
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
  imports: [TypeOrmModule.forFeature([QualityResult, EnrolmentPlan, ServiceArea]), ReferenceModule],
  providers: [
    QualityService,
    QualityQueries,
    QualityResolver,
    ...QUALITY_LINK_RESOLVERS,
    EnrolmentService,
    EnrolmentQueries,
    EnrolmentResolver,
    ...ENROLMENT_LINK_RESOLVERS,
  ],
  exports: [],
})
export class SchoolsModule {}
