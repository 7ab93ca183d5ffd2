import { ComplaintsMetrics } from './complaints.metrics';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { PolicyModule } from '../policy';
import { ComplaintService } from './complaint.service';
import { Complaint } from './entities/complaint.entity';
import { ComplaintTimelineEntry } from './entities/complaint-timeline-entry.entity';
import { ComplaintResolver } from './graphql/complaint.resolver';
import { ComplaintOverdueSweep } from './overdue-sweep.task';

/** Complaints and petitions (投诉/信访): intake, routing by duty, statutory deadlines, satisfaction. */
@Module({
  imports: [TypeOrmModule.forFeature([Complaint, ComplaintTimelineEntry]), ReferenceModule, RegistryModule, NotificationsModule, PolicyModule],
  providers: [ComplaintService, ComplaintResolver, ComplaintOverdueSweep, ComplaintsMetrics],
  exports: [ComplaintService],
})
export class ComplaintsModule {}
