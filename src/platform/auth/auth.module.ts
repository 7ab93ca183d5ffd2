import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BankRateLimitGuard } from '../http/bank-rate-limit.guard';
import { IdempotencyInterceptor, IdempotencyStore } from '../http/idempotency';
import { IdempotencyCleanupTask } from '../http/idempotency-cleanup.task';
import { RateLimitEvictionTask } from '../http/rate-limit-eviction.task';
import { RateLimiter } from '../http/rate-limiter';
import { AccessGuard } from './access.guard';
import { BankRequestVerifier } from './bank-request-verifier';
import { BearerTokenVerifier } from './bearer-token';
import { BankSignatureGuard } from './bank-signature.guard';
import { CreditPlatformRequestVerifier } from './credit-platform-request-verifier';
import { CreditPlatformSignatureGuard } from './credit-platform-signature.guard';
import { JwtStrategy } from './jwt.strategy';
import { PlatformRequestVerifier } from './platform-request-verifier';
import { PlatformSignatureGuard } from './platform-signature.guard';
import { TokenService, createJwtService } from './token.service';

/**
 * Authentication and access: the global access guard (JWT users, `@Public`, `@Roles`), access tokens,
 * and what `@BankApi()` / `@PlatformApi()` put on bank and platform controllers (signature guard, rate
 * limit, idempotency), and `@CreditPlatformApi()` on the credit feed. The credential stores
 * (USER_PRINCIPAL_STORE, BANK_KEY_STORE, PLATFORM_KEY_STORE, CREDIT_PLATFORM_KEY_STORE) are provided by the
 * identity module.
 */
@Global()
@Module({
  providers: [
    { provide: JwtService, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createJwtService(config) },
    TokenService,
    JwtStrategy,
    BearerTokenVerifier,
    { provide: APP_GUARD, useClass: AccessGuard },
    BankRequestVerifier,
    BankSignatureGuard,
    PlatformRequestVerifier,
    PlatformSignatureGuard,
    CreditPlatformRequestVerifier,
    CreditPlatformSignatureGuard,
    RateLimiter,
    BankRateLimitGuard,
    IdempotencyStore,
    IdempotencyInterceptor,
    IdempotencyCleanupTask,
    RateLimitEvictionTask,
  ],
  exports: [
    TokenService,
    BearerTokenVerifier,
    BankRequestVerifier,
    BankSignatureGuard,
    PlatformRequestVerifier,
    PlatformSignatureGuard,
    CreditPlatformRequestVerifier,
    CreditPlatformSignatureGuard,
    RateLimiter,
    BankRateLimitGuard,
    IdempotencyStore,
    IdempotencyInterceptor,
  ],
})
export class AuthModule {}
