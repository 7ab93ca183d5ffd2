import { Inject, Injectable, RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { verifySignedRequest } from './bank-request-verifier';
import { CREDIT_PLATFORM_KEY_STORE, CreditPlatformKeyStore } from './credential-stores';
import { CreditPlatformPrincipal } from './principal';

/**
 * Authenticates a credit-sharing platform request (docs/credit-platform-api.md): the banks' signing scheme
 * with the key id in `X-Credit-Platform-Key-Id`, looked up in the credit-platform key store only, so a bank
 * or prepaid-platform key is KEY_UNKNOWN here (and a credit-platform key is unknown on their routes).
 */
@Injectable()
export class CreditPlatformRequestVerifier {
  constructor(
    @Inject(CREDIT_PLATFORM_KEY_STORE) private readonly keys: CreditPlatformKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async verify(req: RawBodyRequest<Request>): Promise<CreditPlatformPrincipal> {
    const key = await verifySignedRequest(
      req,
      'x-credit-platform-key-id',
      (id) => this.keys.findKey(id),
      this.clock.now(),
      this.config.bankApi.timestampSkewSeconds,
    );
    return { kind: 'creditPlatform', creditPlatformCode: key.creditPlatformCode, keyId: key.keyId };
  }
}
