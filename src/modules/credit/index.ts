/** Public surface of the credit module (黑白名单): other modules import only from here. */
export { CreditModule } from './credit.module';
export { CreditFacade } from './credit.facade';
export type { StandingKindListed } from './credit.facade';
export type { Standing, StandingKind } from './credit-entry.types';
export { creditPlatformOpenApi } from './feed/credit-feed-openapi';
