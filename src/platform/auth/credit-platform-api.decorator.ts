import { SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { BankRateLimitGuard } from '../http/bank-rate-limit.guard';
import { CreditPlatformSignatureGuard } from './credit-platform-signature.guard';
import { CREDIT_PLATFORM_AUTH } from './decorators';

/**
 * Marks a controller as part of the credit-sharing platform interface (docs/credit-platform-api.md): the
 * bank pipeline of ADR 0005 — signature (credit-platform keys only, header X-Credit-Platform-Key-Id), then
 * a rate limit per key. The interface only reads (GET), so it needs no idempotency records. The handler's
 * `@CurrentPrincipal()` is the credit-platform key.
 */
export function CreditPlatformApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(CREDIT_PLATFORM_AUTH, true),
    UseGuards(CreditPlatformSignatureGuard, BankRateLimitGuard),
  ) as ClassDecorator & MethodDecorator;
}
