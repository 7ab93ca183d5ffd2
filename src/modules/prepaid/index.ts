/** Public surface of the prepaid module (预付费 一课一消): other modules import only from here. */
export { PrepaidModule } from './prepaid.module';
export { PrepaidFacade, PREPAID_ALERTS } from './prepaid.facade';
export type { CustodyFigures, PrepaidDashboardFigures, PrepaidExitReason } from './prepaid.dashboard-queries';
export {
  MODEL_TEXT_VERSION,
  PrepaidContractSource,
  PrepaidContractStatus,
  PrepaidPaymentRoute,
} from './entities/prepaid-contract.entity';
export { PrepaidConfirmedBy, PrepaidLessonStatus } from './entities/prepaid-lesson.entity';
export { PrepaidRefundStatus } from './entities/prepaid-refund.entity';
export { PrepaidReleaseStatus } from './entities/prepaid-release.entity';
/** The scheduled money jobs and the bank-money subscriber, so operators' tools and tests can run one now. */
export { AutoConfirmTask } from './auto-confirm.task';
export { ReleaseTask } from './release.task';
export { RefundSweep } from './refund-sweep.task';
export { BankMoneySubscriber } from './subscribers/bank-money.subscriber';
export { contractCodeHash } from './contract-code';
export { platformOpenApi } from './rest/platform-openapi';
