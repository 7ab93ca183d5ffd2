import { Module } from '@nestjs/common';
import { PREPAID_LINK_RESOLVERS } from './graphql/prepaid-links.resolver';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '../complaints';
import { CreditModule } from '../credit';
import { EscrowModule } from '../escrow';
import { NotificationsModule } from '../notifications';
import { PolicyModule } from '../policy';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidLesson } from './entities/prepaid-lesson.entity';
import { PrepaidRefund } from './entities/prepaid-refund.entity';
import { PrepaidRelease } from './entities/prepaid-release.entity';
import { PrepaidFacade } from './prepaid.facade';
import { WorkingDays } from './working-days';
import { DepositBatch } from './deposit-batch';
import { DepositService } from './deposit.service';
import { PrepaidMoneyResolver } from './graphql/prepaid-money.resolver';
import { PrepaidMoneyQueries } from './prepaid-money.queries';
import { RefundSweep } from './refund-sweep.task';
import { RefundService } from './refund.service';
import { RefundPaymentService } from './refund-payment.service';
import { InstructionOutcomeSubscriber } from './subscribers/instruction-outcome.subscriber';
import { ReleaseService } from './release.service';
import { ReleaseTask } from './release.task';
import { BankMoneySubscriber } from './subscribers/bank-money.subscriber';
import { InstitutionExitSubscriber } from './subscribers/institution-exit.subscriber';
import { AutoConfirmTask } from './auto-confirm.task';
import { ConfirmationService } from './confirmation.service';
import { ContractService } from './contract.service';
import { LessonService } from './lesson.service';
import { PrepaidQueries } from './prepaid.queries';
import { ParentService } from './parent.service';
import { ParentResolver } from './graphql/parent.resolver';
import { PlatformIngestService } from './rest/platform-ingest.service';
import { PlatformController, PlatformOpenApiController } from './rest/platform.controller';
import { PrepaidMappers } from './graphql/prepaid.mappers';
import { PrepaidContractResolver } from './graphql/prepaid.resolver';
import { PrepaidDashboardQueries } from './prepaid.dashboard-queries';
import { PublicPrepaidResolver } from './graphql/public-prepaid.resolver';
import { RefundExecutedAtSubscriber } from './subscribers/refund-executed-at.subscriber';

/** Prepaid contracts lesson by lesson (预付费 一课一消): contracts, lessons, confirmations, releases, refunds. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PrepaidContract, PrepaidLesson, PrepaidRefund, PrepaidRelease]),
    PolicyModule,
    ReferenceModule,
    RegistryModule,
    EscrowModule,
    ComplaintsModule,
    CreditModule,
    NotificationsModule,
  ],
  providers: [
    ...PREPAID_LINK_RESOLVERS,
    WorkingDays,
    PrepaidFacade,
    DepositService,
    DepositBatch,
    ReleaseService,
    RefundService,
    RefundPaymentService,
    PrepaidMoneyQueries,
    PrepaidMoneyResolver,
    ReleaseTask,
    RefundSweep,
    BankMoneySubscriber,
    InstitutionExitSubscriber,
    InstructionOutcomeSubscriber,
    PrepaidQueries,
    ContractService,
    LessonService,
    ConfirmationService,
    AutoConfirmTask,
    ParentService,
    ParentResolver,
    PlatformIngestService,
    PrepaidMappers,
    PrepaidContractResolver,
    PrepaidDashboardQueries,
    PublicPrepaidResolver,
    RefundExecutedAtSubscriber,
  ],
  controllers: [PlatformController, PlatformOpenApiController],
  exports: [PrepaidFacade],
})
export class PrepaidModule {}
