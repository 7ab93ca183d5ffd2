import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '../complaints';
import { CreditModule } from '../credit';
import { EscrowModule } from '../escrow';
import { PolicyModule } from '../policy';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { SupervisionModule } from '../supervision';
import { EnforcementFacade } from './enforcement.facade';
import { EnforcementQueries } from './enforcement.queries';
import { EnforcementReport } from './enforcement.report';
import { PenaltyDecision } from './entities/penalty-decision.entity';
import { ENFORCEMENT_LINK_RESOLVERS } from './graphql/enforcement-links.resolver';
import { PenaltyDecisionResolver } from './graphql/enforcement.resolver';
import { PenaltyDecisionService } from './penalty-decision.service';
import { PenaltyLifecycleService } from './penalty-lifecycle.service';
import { PublicationExpiryTask } from './publication-expiry.task';

/**
 * What the county decides once a problem is found: administrative penalties (行政处罚) against
 * institutions and unlicensed operators, and what follows from them (registry lifecycle, credit record,
 * public profile, the credit-sharing platform). Depends on supervision, registry, credit, escrow,
 * complaints, reference and policy through their index.ts; nothing depends on it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PenaltyDecision]),
    SupervisionModule,
    RegistryModule,
    CreditModule,
    EscrowModule,
    ComplaintsModule,
    ReferenceModule,
    PolicyModule,
  ],
  providers: [
    EnforcementQueries,
    PenaltyDecisionService,
    PenaltyLifecycleService,
    PublicationExpiryTask,
    EnforcementReport,
    EnforcementFacade,
    PenaltyDecisionResolver,
    ...ENFORCEMENT_LINK_RESOLVERS,
  ],
  exports: [EnforcementFacade],
})
export class EnforcementModule {}
