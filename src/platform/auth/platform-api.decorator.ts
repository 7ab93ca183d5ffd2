import { SetMetadata, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { BankRateLimitGuard } from '../http/bank-rate-limit.guard';
import { IdempotencyInterceptor } from '../http/idempotency';
import { PLATFORM_AUTH } from './decorators';
import { PlatformSignatureGuard } from './platform-signature.guard';

/**
 * Marks a controller as part of the platform interface (docs/platform-api.md): the bank pipeline of ADR
 * 0005 — signature (platform keys only, header X-Platform-Key-Id), then a rate limit per key, then
 * idempotent writes (Idempotency-Key). The handler's `@CurrentPrincipal()` is the platform key.
 */
export function PlatformApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(PLATFORM_AUTH, true),
    UseGuards(PlatformSignatureGuard, BankRateLimitGuard),
    UseInterceptors(IdempotencyInterceptor),
  ) as ClassDecorator & MethodDecorator;
}
