import { EscrowMetrics } from './escrow.metrics';
import { ESCROW_LINK_RESOLVERS } from './graphql/escrow-links.resolver';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '../registry';
import { PolicyModule } from '../policy';
import { BankIngestService } from './bank-ingest.service';
import { EscrowQueries } from './escrow.queries';
import { IngestBookkeeping } from './ingest/batch-bookkeeping';
import { StatementIngestService } from './ingest/statement-ingest.service';
import { TopUpFlagger } from './ingest/top-ups';
import { TransactionIngestService } from './ingest/transaction-ingest.service';
import { EscrowAccountReadService } from './escrow-account-read.service';
import { EscrowAccountService } from './escrow-account.service';
import { EscrowInstructionService } from './escrow-instruction.service';
import { EscrowPaymentService } from './escrow-payment.service';
import { PrepaidAlerts } from './monitoring/prepaid-alerts';
import { EscrowFacade } from './escrow.facade';
import { EscrowAccount } from './entities/escrow-account.entity';
import { EscrowAlert } from './entities/escrow-alert.entity';
import { EscrowRiskReserve } from './entities/escrow-risk-reserve.entity';
import { EscrowInstruction } from './entities/escrow-instruction.entity';
import { EscrowStatement } from './entities/escrow-statement.entity';
import { EscrowTransaction } from './entities/escrow-transaction.entity';
import { EscrowLiveResolver } from './graphql/escrow-live.resolver';
import { EscrowResolver } from './graphql/escrow.resolver';
import { EscrowCustodyResolver, InstitutionEscrowResolver } from './graphql/institution-escrow.resolver';
import { PublicEscrowResolver } from './graphql/public-escrow.resolver';
import { InstitutionRiskReserveResolver, RiskReserveResolver } from './graphql/risk-reserve.resolver';
import { InstitutionEscrowService } from './institution-escrow.service';
import { RiskReserveService } from './risk-reserve.service';
import { AccountMonitor } from './monitoring/account-monitor';
import { AlertWriter } from './monitoring/alert-writer';
import { CoverageCheck } from './monitoring/coverage-check.task';
import { InstructionEscalation } from './instruction-escalation.task';
import { StaleReportCheck } from './monitoring/stale-report-check.task';
import { BankController, BankOpenApiController } from './rest/bank.controller';

/** Fund escrow monitoring (资金监管): bank REST interface, accounts, risk reserves, custody, alerts, instructions. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      EscrowAccount,
      EscrowStatement,
      EscrowTransaction,
      EscrowAlert,
      EscrowInstruction,
      EscrowRiskReserve,
    ]),
    RegistryModule,
    PolicyModule,
  ],
  controllers: [BankController, BankOpenApiController],
  providers: [
    ...ESCROW_LINK_RESOLVERS,
    BankIngestService,
    StatementIngestService,
    TransactionIngestService,
    TopUpFlagger,
    IngestBookkeeping,
    EscrowQueries,
    EscrowMetrics,
    EscrowAccountService,
    EscrowAccountReadService,
    InstitutionEscrowService,
    InstitutionEscrowResolver,
    EscrowCustodyResolver,
    PublicEscrowResolver,
    EscrowInstructionService,
    EscrowPaymentService,
    PrepaidAlerts,
    EscrowFacade,
    AlertWriter,
    AccountMonitor,
    StaleReportCheck,
    CoverageCheck,
    InstructionEscalation,
    EscrowResolver,
    EscrowLiveResolver,
    RiskReserveService,
    RiskReserveResolver,
    InstitutionRiskReserveResolver,
  ],
  exports: [EscrowFacade],
})
export class EscrowModule {}
