import { ComplaintLeadSubscriber } from './subscribers/complaint-lead.subscriber';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { PolicyModule } from '../policy';
import { AnnualReviewChecklist } from './entities/annual-review-checklist.entity';
import { AnnualReview } from './entities/annual-review.entity';
import { Course } from './entities/course.entity';
import { Institution } from './entities/institution.entity';
import { Premises } from './entities/premises.entity';
import { Staff } from './entities/staff.entity';
import { StaffBar } from './entities/staff-bar.entity';
import { TrainingMaterial } from './entities/training-material.entity';
import { UnlicensedLead } from './entities/unlicensed-lead.entity';
import { InstitutionResolver } from './graphql/institution.resolver';
import { LeadResolver } from './graphql/lead.resolver';
import { REGISTRY_LINK_RESOLVERS } from './graphql/registry-links.resolver';
import { RecordsResolver } from './graphql/records.resolver';
import { StaffBarResolver } from './graphql/staff-bar.resolver';
import './graphql/registry.enums';
import { InstitutionLifecycleService } from './institution-lifecycle.service';
import { InstitutionRegistrationService } from './institution-registration.service';
import { LeadService } from './lead.service';
import { AnnualReviewService } from './annual-review.service';
import { CourseService } from './course.service';
import { MaterialService } from './material.service';
import { PremisesService } from './premises.service';
import { PublicProfileService } from './public-profile.service';
import { RecordChanges } from './record-changes';
import { Licensing } from './licensing';
import { RegistryQueries } from './registry.queries';
import { LeadQueries } from './registry.queries.leads';
import { StaffService } from './staff.service';
import { RegistryFacade } from './registry.facade';
import { StaffBarService } from './staff-bar.service';
import { TeacherRosterSubscriber } from './subscribers/teacher-roster.subscriber';

/** Institution registry (机构登记): licensing, premises, staff, courses, annual review, unlicensed leads. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Institution,
      Premises,
      Staff,
      StaffBar,
      Course,
      TrainingMaterial,
      AnnualReviewChecklist,
      AnnualReview,
      UnlicensedLead,
    ]),
    ReferenceModule,
    NotificationsModule,
    PolicyModule,
  ],
  providers: [
    RegistryFacade,
    Licensing,
    RegistryQueries,
    LeadQueries,
    InstitutionRegistrationService,
    InstitutionLifecycleService,
    PublicProfileService,
    RecordChanges,
    PremisesService,
    StaffService,
    CourseService,
    MaterialService,
    AnnualReviewService,
    StaffBarService,
    StaffBarResolver,
    LeadService,
    InstitutionResolver,
    RecordsResolver,
    LeadResolver,
    ...REGISTRY_LINK_RESOLVERS,
    ComplaintLeadSubscriber,
    TeacherRosterSubscriber,
  ],
  exports: [RegistryFacade],
})
export class RegistryModule {}
