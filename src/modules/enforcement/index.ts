/** Public surface of the enforcement module (行政处罚): other modules import only from here. */
export { EnforcementModule } from './enforcement.module';
export { EnforcementFacade } from './enforcement.facade';
export type { PenaltyFigures } from './enforcement.facade';
export { PenaltyKind, PenaltyStatus, WithdrawalGround } from './enforcement.enums';
/** The publication-expiry job, so operators' tools and tests can run one now. */
export { PublicationExpiryTask } from './publication-expiry.task';
