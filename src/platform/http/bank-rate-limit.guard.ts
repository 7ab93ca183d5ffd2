import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Unauthenticated } from '../auth/auth.errors';
import { TooManyRequests } from '../errors/domain-error';
import { RateLimiter } from './rate-limiter';
import { text } from '../i18n/text';

const rateLimited = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'RATE_LIMITED',
    text(
      `Too many requests for this API key; retry after ${retryAfterSeconds} s`,
      `该接口密钥的请求过于频繁，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );

/**
 * Per API key token bucket (bank-api.md: 50 requests/s sustained, bursts of 100): 429 with Retry-After.
 * Platform keys (platform-api.md) and credit-platform keys (credit-platform-api.md) have buckets of their
 * own with the same rate.
 */
@Injectable()
export class BankRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const principal = req.principal;
    // runs after the bank, platform or credit-platform signature guard
    if (principal?.kind !== 'bank' && principal?.kind !== 'platform' && principal?.kind !== 'creditPlatform')
      throw new Unauthenticated();
    const { ratePerSecond, rateBurst } = this.config.bankApi;
    const result = await this.limiter.take(`${principal.kind}-key:${principal.keyId}`, ratePerSecond, rateBurst);
    if (!result.allowed) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(result.retryAfterSeconds));
      throw rateLimited(result.retryAfterSeconds);
    }
    return true;
  }
}
