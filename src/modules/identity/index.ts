/** Public surface of the identity module: other modules import only from here. */
export { IdentityModule } from './identity.module';
export { IdentityFacade } from './identity.facade';
export type { CreateUserCommand, UserDirectoryEntry, UserDirectoryScope } from './identity.types';
export type { IssuedBankKey } from './bank-key.service';
export type { IssuedPlatformKey } from './platform-key.service';
export type { IssuedCreditPlatformKey } from './credit-platform-key.service';
export { bankNotFound, platformNotFound } from './identity.errors';
export type { StartLog } from './first-admin.service';
export { UserSummaryObject } from './graphql/user-summary.object';
