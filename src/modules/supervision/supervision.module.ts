import { SupervisionMetrics } from './supervision.metrics';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { PolicyModule } from '../policy';
import { RectificationOrder } from './entities/rectification-order.entity';
import { SupervisionFinding, SupervisionViolation } from './entities/supervision-finding.entity';
import { ChecklistTemplate, SupervisionCampaign, SupervisionEscalation, SupervisionReport } from './entities/supervision-misc.entity';
import { SupervisionTask } from './entities/supervision-task.entity';
import { EscalationService, EscalationSweepTask } from './escalation.service';
import { InstitutionTasksResolver } from './graphql/institution-tasks.resolver';
import { CampaignResolver, FindingResolver, RectificationOrderResolver, ReportResolver, SupervisionTaskResolver } from './graphql/supervision.resolver';
import { MonthlyReportTask, QuarterlyReportTask, ReportService } from './report.service';
import { ReportController } from './rest/report.controller';
import { ComplaintOverdueSubscriber } from './subscribers/complaint-overdue.subscriber';
import { TaskSourcesSubscriber } from './subscribers/task-sources.subscriber';
import { SupervisionService } from './supervision.service';

/** Supervision tasks (督导检查, 联合执法, 整改): assignments, findings, rectification, the escalation ladder, reports. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SupervisionTask, SupervisionFinding, SupervisionViolation, RectificationOrder, ChecklistTemplate, SupervisionCampaign, SupervisionEscalation, SupervisionReport]),
    NotificationsModule,
    ReferenceModule,
    RegistryModule,
    PolicyModule,
  ],
  controllers: [ReportController],
  providers: [
    SupervisionService,
    SupervisionMetrics,
    InstitutionTasksResolver,
    EscalationService,
    EscalationSweepTask,
    ReportService,
    MonthlyReportTask,
    QuarterlyReportTask,
    TaskSourcesSubscriber,
    ComplaintOverdueSubscriber,
    SupervisionTaskResolver,
    FindingResolver,
    RectificationOrderResolver,
    CampaignResolver,
    ReportResolver,
  ],
  exports: [SupervisionService, EscalationService, ReportService],
})
export class SupervisionModule {}
