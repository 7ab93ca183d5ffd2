import { Module } from '@nestjs/common';
import { AfterSchoolModule } from '../after-school';
import { ComplaintsModule } from '../complaints';
import { CreditModule } from '../credit';
import { EscrowModule } from '../escrow';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { SupervisionModule } from '../supervision';
import { DashboardService } from './dashboard.service';
import { DashboardResolver } from './graphql/dashboard.resolver';

/** The county dashboard: reads every module through its facade; owns no tables and exports nothing. */
@Module({
  imports: [
    ReferenceModule,
    RegistryModule,
    EscrowModule,
    CreditModule,
    ComplaintsModule,
    AfterSchoolModule,
    SupervisionModule,
  ],
  providers: [DashboardService, DashboardResolver],
})
export class DashboardModule {}
