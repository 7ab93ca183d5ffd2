import { ComplaintsMetrics } from './complaints.metrics';
import { ComplaintLinksResolver } from './graphql/complaint-links.resolver';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { PolicyModule } from '../policy';
import { ComplaintIntakeService } from './complaint-intake.service';
import { ComplaintLifecycleService } from './complaint-lifecycle.service';
import { ComplaintOverdueService } from './complaint-overdue.service';
import { ComplaintReadService } from './complaint-read.service';
import { ComplaintReviewService } from './complaint-review.service';
import { ComplaintsFacade } from './complaints.facade';
import { ComplaintsQueries } from './complaints.queries';
import { Complaint } from './entities/complaint.entity';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';
import { ComplaintInstitutionReply } from './entities/complaint-institution-reply.entity';
import { ComplaintInstitutionReplyService } from './complaint-institution-reply.service';
import { ComplaintLiveResolver } from './graphql/complaint-live.resolver';
import { ComplaintResolver } from './graphql/complaint.resolver';
import { ComplaintOverdueSweep } from './overdue-sweep.task';

/** Complaints and petitions (投诉/信访): intake, routing by duty, statutory deadlines, satisfaction. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Complaint, ComplaintTimelineEntry, ComplaintInstitutionReply]),
    ReferenceModule,
    RegistryModule,
    NotificationsModule,
    PolicyModule,
  ],
  providers: [
    ComplaintLinksResolver,
    ComplaintsQueries,
    ComplaintIntakeService,
    ComplaintReadService,
    ComplaintLifecycleService,
    ComplaintReviewService,
    ComplaintInstitutionReplyService,
    ComplaintOverdueService,
    ComplaintsFacade,
    ComplaintResolver,
    ComplaintLiveResolver,
    ComplaintOverdueSweep,
    ComplaintsMetrics,
  ],
  exports: [ComplaintsFacade],
})
export class ComplaintsModule {}
