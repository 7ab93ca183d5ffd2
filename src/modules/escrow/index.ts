/** Public surface of the escrow module: other modules import only from here. */
export { EscrowModule } from './escrow.module';
export { EscrowFacade } from './escrow.facade';
export type { EscrowDashboardFigures, PaymentRoutes } from './escrow.facade';
export type { FreezeRequestOutcome } from './escrow-instruction.service';
export type { Coverage, CoverageRow } from './escrow.types';
export type { AlertType, PrepaidAlertType } from './monitoring/rules';
export type { ReleaseRequestOutcome, RefundRequestOutcome } from './escrow-payment.service';
export type { PrepaidAlertInput } from './monitoring/prepaid-alerts';
/** The scheduled checks, so operators' tools and tests can run one now. */
export { CoverageCheck } from './monitoring/coverage-check.task';
export { InstructionEscalation } from './instruction-escalation.task';
export { StaleReportCheck } from './monitoring/stale-report-check.task';
export { seedEscrowDemo } from './seed/demo-data';
export { bankOpenApi } from './rest/bank-openapi';
/** What escrow.transactions.posted carries: a bank batch's new money movements, by account (v1: one account). */
export type {
  EscrowPostedAccount,
  EscrowPostedItem,
  EscrowTransactionsPostedPayload,
  EscrowTransactionsPostedV1Payload,
} from '../../platform/events/catalogue';
/** The GraphQL enum of alert types, for other modules' objects that list alerts (the dashboard's prepaid section). */
export { EscrowAlertTypeEnum } from './graphql/escrow.objects';
/** The account and instruction types, for other modules' links to them (`PrepaidRelease.account`, `BankInstruction.contracts`). */
export { BankInstructionObject, EscrowAccountObject, EscrowAlertObject } from './graphql/escrow.objects';
export type { AccountNode } from './graphql/escrow.resolver';
