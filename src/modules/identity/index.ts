/** Public surface of the identity module: other modules import only from here. */
export { IdentityModule } from './identity.module';
export { UserService } from './user.service';
export type { CreateUserCommand, UserDirectoryEntry, UserDirectoryScope } from './user.service';
export { BankKeyService } from './bank-key.service';
export type { IssuedBankKey } from './bank-key.service';
export { bankNotFound } from './identity.errors';
export { hashPassword } from './password';
export { FirstAdminService } from './first-admin.service';
export type { StartLog } from './first-admin.service';
