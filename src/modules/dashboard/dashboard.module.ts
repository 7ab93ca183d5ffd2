import { Module } from '@nestjs/common';
import { AfterSchoolModule } from '../after-school';
import { ComplaintsModule } from '../complaints';
import { CreditModule } from '../credit';
import { EscrowModule } from '../escrow';
import { PrepaidModule } from '../prepaid';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { SchoolsModule } from '../schools';
import { SupervisionModule } from '../supervision';
import { DashboardService } from './dashboard.service';
import { DashboardPrepaidInstitutionLinksResolver } from './graphql/dashboard-links.resolver';
import { DashboardResolver } from './graphql/dashboard.resolver';
import { DashboardPrepaidService } from './dashboard-prepaid.service';
import { DashboardPrepaidResolver } from './graphql/dashboard-prepaid.resolver';
import { DashboardBurdenResolver, DashboardBurdenSchoolLinksResolver } from './graphql/dashboard-burden.resolver';
import { DashboardExamsResolver } from './graphql/dashboard-exams.resolver';
import { DashboardTargetsService } from './dashboard-targets.service';
import { DashboardTargetsResolver } from './graphql/dashboard-targets.resolver';

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
    PrepaidModule,
    SchoolsModule,
  ],
  providers: [
    DashboardService,
    DashboardResolver,
    DashboardPrepaidService,
    DashboardPrepaidResolver,
    DashboardPrepaidInstitutionLinksResolver,
    DashboardBurdenResolver,
    DashboardBurdenSchoolLinksResolver,
    DashboardExamsResolver,
    DashboardTargetsService,
    DashboardTargetsResolver,
  ],
})
export class DashboardModule {}
