import { Inject, Injectable, RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { verifySignedRequest } from './bank-request-verifier';
import { PLATFORM_KEY_STORE, PlatformKeyStore } from './credential-stores';
import { PlatformPrincipal } from './principal';

/**
 * Authenticates a platform request (docs/platform-api.md): the banks' signing scheme with the key id in
 * `X-Platform-Key-Id`, looked up in the platform key store only, so a bank key is KEY_UNKNOWN here.
 */
@Injectable()
export class PlatformRequestVerifier {
  constructor(
    @Inject(PLATFORM_KEY_STORE) private readonly keys: PlatformKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async verify(req: RawBodyRequest<Request>): Promise<PlatformPrincipal> {
    const key = await verifySignedRequest(
      req,
      'x-platform-key-id',
      (id) => this.keys.findKey(id),
      this.clock.now(),
      this.config.bankApi.timestampSkewSeconds,
    );
    return { kind: 'platform', platformCode: key.platformCode, keyId: key.keyId };
  }
}
