import { SupervisionMetrics } from './supervision.metrics';
import { SUPERVISION_LINK_RESOLVERS } from './graphql/supervision-links.resolver';
import { Module } from '@nestjs/common';
import { ReportContributions } from './report-contributions';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { AfterSchoolModule } from '../after-school';
import { ComplaintsModule } from '../complaints';
import { EscrowModule } from '../escrow';
import { PrepaidModule } from '../prepaid';
import { SupervisionReportDispatch } from './entities/supervision-report-dispatch.entity';
import { ReportDispatchResolver } from './graphql/report-dispatch.resolver';
import { PlanTargetsService } from './plan-targets.service';
import { ReportDispatchService } from './report-dispatch.service';
import { PolicyModule } from '../policy';
import { AccountabilityCase } from './entities/accountability-case.entity';
import { AccountabilityCaseItem } from './entities/accountability-case-item.entity';
import { AccountabilityQueries } from './accountability/accountability.queries';
import { AccountabilityReadService } from './accountability/accountability-read.service';
import { AccountabilityReportSection } from './accountability/accountability-report.section';
import { AccountabilityService } from './accountability/accountability.service';
import { AccountabilityResolver } from './graphql/accountability.resolver';
import { ACCOUNTABILITY_LINK_RESOLVERS } from './graphql/accountability-links.resolver';
import { RectificationOrder } from './entities/rectification-order.entity';
import { SupervisionFinding } from './entities/supervision-finding.entity';
import { SupervisionViolation } from './entities/supervision-violation.entity';
import { ChecklistTemplate } from './entities/checklist-template.entity';
import { SupervisionCampaign } from './entities/supervision-campaign.entity';
import { SupervisionEscalation } from './entities/supervision-escalation.entity';
import { SupervisionReport } from './entities/supervision-report.entity';
import { SupervisionTask } from './entities/supervision-task.entity';
import { EscalationService } from './escalation.service';
import { EscalationSweepTask } from './escalation-sweep.task';
import { InstitutionTasksResolver } from './graphql/institution-tasks.resolver';
import { SupervisionLiveResolver } from './graphql/supervision-live.resolver';
import {
  CampaignResolver,
  FindingResolver,
  RectificationOrderResolver,
  ReportResolver,
  SupervisionTaskResolver,
} from './graphql/supervision.resolver';
import { MonthlyReportTask } from './monthly-report.task';
import { QuarterlyReportTask } from './quarterly-report.task';
import { ReportService } from './report.service';
import { ReportController } from './rest/report.controller';
import { ComplaintOverdueSubscriber } from './subscribers/complaint-overdue.subscriber';
import { TaskSourcesSubscriber } from './subscribers/task-sources.subscriber';
import { HomeworkBurdenSubscriber } from './subscribers/homework-burden.subscriber';
import { TeacherBurdenSubscriber } from './subscribers/teacher-burden.subscriber';
import { SchoolExamsSubscriber } from './subscribers/school-exams.subscriber';
import { TeachingResearchSubscriber } from './subscribers/teaching-research.subscriber';
import { CampaignService } from './campaign.service';
import { RectificationService } from './rectification.service';
import { SupervisionFacade } from './supervision.facade';
import { SupervisionQueries } from './supervision.queries';
import { TaskAssigneeService } from './task-assignee.service';
import { TaskCreationService } from './task-creation.service';
import { TaskLifecycleService } from './task-lifecycle.service';
import { TaskReadService } from './task-read.service';

/** Supervision tasks (督导检查, 联合执法, 整改): assignments, findings, rectification, the escalation ladder, reports. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SupervisionTask,
      SupervisionFinding,
      SupervisionViolation,
      RectificationOrder,
      ChecklistTemplate,
      SupervisionCampaign,
      SupervisionEscalation,
      SupervisionReport,
      AccountabilityCase,
      AccountabilityCaseItem,
      SupervisionReportDispatch,
    ]),
    NotificationsModule,
    ReferenceModule,
    RegistryModule,
    PolicyModule,
    ComplaintsModule,
    AfterSchoolModule,
    EscrowModule,
    PrepaidModule,
  ],
  controllers: [ReportController],
  providers: [
    ReportContributions,
    ...SUPERVISION_LINK_RESOLVERS,
    SupervisionQueries,
    TaskReadService,
    TaskAssigneeService,
    TaskCreationService,
    TaskLifecycleService,
    RectificationService,
    CampaignService,
    SupervisionFacade,
    SupervisionMetrics,
    InstitutionTasksResolver,
    EscalationService,
    EscalationSweepTask,
    ReportService,
    PlanTargetsService,
    ReportDispatchService,
    ReportDispatchResolver,
    MonthlyReportTask,
    QuarterlyReportTask,
    TaskSourcesSubscriber,
    ComplaintOverdueSubscriber,
    HomeworkBurdenSubscriber,
    TeacherBurdenSubscriber,
    SchoolExamsSubscriber,
    TeachingResearchSubscriber,
    SupervisionTaskResolver,
    SupervisionLiveResolver,
    FindingResolver,
    RectificationOrderResolver,
    CampaignResolver,
    ReportResolver,
    AccountabilityQueries,
    AccountabilityReadService,
    AccountabilityService,
    AccountabilityReportSection,
    AccountabilityResolver,
    ...ACCOUNTABILITY_LINK_RESOLVERS,
  ],
  exports: [SupervisionFacade, ReportContributions],
})
export class SupervisionModule {}
