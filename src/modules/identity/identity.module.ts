import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BANK_KEY_STORE,
  CREDIT_PLATFORM_KEY_STORE,
  PLATFORM_KEY_STORE,
  USER_PRINCIPAL_STORE,
} from '../../platform/auth/credential-stores';
import { ReferenceModule } from '../reference';
import { RegistryModule } from '../registry';
import { BankKeyService } from './bank-key.service';
import { BankApiKey } from './entities/bank-api-key.entity';
import { PartnerBank } from './entities/partner-bank.entity';
import { PartnerPlatform } from './entities/partner-platform.entity';
import { PlatformApiKey } from './entities/platform-api-key.entity';
import { CreditPlatform } from './entities/credit-platform.entity';
import { CreditPlatformApiKey } from './entities/credit-platform-api-key.entity';
import { CreditPlatformResolver } from './graphql/credit-platform.resolver';
import { CreditPlatformKeyService } from './credit-platform-key.service';
import { User } from './entities/user.entity';
import { BankResolver } from './graphql/bank.resolver';
import { PlatformResolver } from './graphql/platform.resolver';
import { UserResolver } from './graphql/user.resolver';
import { AuditLogEntryLinksResolver, UserLinksResolver } from './graphql/identity-links.resolver';
import { FirstAdminService } from './first-admin.service';
import { InstitutionAdminService } from './institution-admin.service';
import { InstitutionClosedSubscriber } from './subscribers/institution-closed.subscriber';
import { IdentityFacade } from './identity.facade';
import { LoginService } from './login.service';
import { LoginThrottleCleanupTask } from './login-throttle-cleanup.task';
import { IdentityQueries } from './identity.queries';
import { OwnAccountService } from './own-account.service';
import { PlatformKeyService } from './platform-key.service';
import { UserReadService } from './user-read.service';
import { UserScopeService } from './user-scope.service';
import { UserService } from './user.service';

/**
 * Users (institution administrators checked against the registry), login, partner banks and platforms and
 * their API keys. Global only so that the platform's guards find the credential stores
 * (USER_PRINCIPAL_STORE, BANK_KEY_STORE, PLATFORM_KEY_STORE, CREDIT_PLATFORM_KEY_STORE) without importing a
 * module.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      User,
      PartnerBank,
      BankApiKey,
      PartnerPlatform,
      PlatformApiKey,
      CreditPlatform,
      CreditPlatformApiKey,
    ]),
    ReferenceModule,
    RegistryModule,
  ],
  providers: [
    IdentityQueries,
    UserService,
    UserReadService,
    UserScopeService,
    OwnAccountService,
    InstitutionAdminService,
    InstitutionClosedSubscriber,
    LoginService,
    FirstAdminService,
    BankKeyService,
    PlatformKeyService,
    CreditPlatformKeyService,
    IdentityFacade,
    UserResolver,
    UserLinksResolver,
    AuditLogEntryLinksResolver,
    BankResolver,
    PlatformResolver,
    CreditPlatformResolver,
    LoginThrottleCleanupTask,
    { provide: USER_PRINCIPAL_STORE, useExisting: UserReadService },
    { provide: BANK_KEY_STORE, useExisting: BankKeyService },
    { provide: PLATFORM_KEY_STORE, useExisting: PlatformKeyService },
    { provide: CREDIT_PLATFORM_KEY_STORE, useExisting: CreditPlatformKeyService },
  ],
  exports: [USER_PRINCIPAL_STORE, BANK_KEY_STORE, PLATFORM_KEY_STORE, CREDIT_PLATFORM_KEY_STORE, IdentityFacade],
})
export class IdentityModule {}
