import { SetMetadata, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BankRateLimitGuard } from '../http/bank-rate-limit.guard';
import { IdempotencyInterceptor } from '../http/idempotency';
import { BANK_AUTH } from './decorators';
import { BankSignatureGuard } from './bank-signature.guard';

/**
 * Marks a controller (or route) as part of the bank interface (docs/bank-api.md): signed requests
 * (401 KEY_UNKNOWN / KEY_REVOKED / SIGNATURE_INVALID / TIMESTAMP_OUT_OF_WINDOW), a rate limit per key
 * (429 with Retry-After), then idempotent writes (Idempotency-Key; 422 IDEMPOTENCY_KEY_REUSED, 409
 * IDEMPOTENCY_IN_PROGRESS). The handler's `@CurrentPrincipal()` is the bank key.
 */
export function BankApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(BANK_AUTH, true),
    UseGuards(BankSignatureGuard, BankRateLimitGuard),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'X-Bank-Key-Id', required: true, description: 'API key id (合作银行接口密钥)' }),
    ApiHeader({
      name: 'X-Timestamp',
      required: true,
      description: 'Unix time in seconds; at most 300 s from the service clock',
    }),
    ApiHeader({
      name: 'X-Signature',
      required: true,
      description:
        '`v1=` + lowercase hex HMAC-SHA256(secret, `${timestamp}\\n${METHOD}\\n${path with query}\\n${raw body}`)',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Required on every POST: 1–128 characters [A-Za-z0-9_-]; replays the first response for 7 days',
    }),
    ApiUnauthorizedResponse({
      description: 'KEY_UNKNOWN, KEY_REVOKED, SIGNATURE_INVALID or TIMESTAMP_OUT_OF_WINDOW (application/problem+json)',
    }),
    ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After in seconds' }),
  ) as ClassDecorator & MethodDecorator;
}
