import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { PolicyModule } from '../policy';
import { AfterSchoolFacade } from './after-school.facade';
import { AfterSchoolPlanStaff } from './entities/after-school-plan-staff.entity';
import { AfterSchoolPlan } from './entities/after-school-plan.entity';
import { HomeworkRecord } from './entities/homework-record.entity';
import { FamilyEducationService } from './family-education.service';
import { FundingService } from './funding.service';
import { AFTER_SCHOOL_LINK_RESOLVERS } from './graphql/after-school-links.resolver';
import { AfterSchoolRecordsResolver, PlanResolver } from './graphql/after-school.resolver';
import { HomeworkService } from './homework.service';
import { ParticipationService } from './participation.service';
import { PlanService } from './plan.service';
import { PublicationMissingTask } from './publication-missing.task';
import { SchoolCalendar } from './school-calendar';
import { CreditBlacklistSubscriber } from './subscribers/credit-blacklist.subscriber';
import { HomeworkBreachSubscriber } from './subscribers/homework-breach.subscriber';
import { HomeworkBreachService } from './homework-breach.service';
import { TeacherHoursController } from './rest/teacher-hours.controller';

/** After-school services and homework (课后服务, 作业管理). */
@Module({
  imports: [
    TypeOrmModule.forFeature([AfterSchoolPlan, AfterSchoolPlanStaff, HomeworkRecord]),
    ReferenceModule,
    RegistryModule,
    NotificationsModule,
    CreditModule,
    PolicyModule,
  ],
  controllers: [TeacherHoursController],
  providers: [
    SchoolCalendar,
    PlanService,
    ParticipationService,
    HomeworkService,
    FundingService,
    FamilyEducationService,
    AfterSchoolFacade,
    PublicationMissingTask,
    CreditBlacklistSubscriber,
    HomeworkBreachService,
    HomeworkBreachSubscriber,
    PlanResolver,
    AfterSchoolRecordsResolver,
    ...AFTER_SCHOOL_LINK_RESOLVERS,
  ],
  exports: [AfterSchoolFacade],
})
export class AfterSchoolModule {}
