import { Inject, Injectable, RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { safeEqual } from '../crypto/crypto';
import { BankAuthFailed } from './auth.errors';
import { signBankRequest } from './bank-signature';
import { BANK_KEY_STORE, BankKeyStore } from './credential-stores';
import { BankPrincipal } from './principal';

/**
 * Authenticates a bank request as bank-api.md says: a known, unrevoked key id; an HMAC-SHA256 signature
 * over `${timestamp}\n${METHOD}\n${path with query}\n${raw body}` compared in constant time; a timestamp
 * within the allowed skew of the service clock. It only reads: a refused request changes nothing.
 */
@Injectable()
export class BankRequestVerifier {
  constructor(
    @Inject(BANK_KEY_STORE) private readonly keys: BankKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async verify(req: RawBodyRequest<Request>): Promise<BankPrincipal> {
    const keyId = req.header('x-bank-key-id') ?? '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) throw new BankAuthFailed('KEY_UNKNOWN');
    const key = await this.keys.findKey(keyId);
    if (!key) throw new BankAuthFailed('KEY_UNKNOWN');
    if (key.revoked) throw new BankAuthFailed('KEY_REVOKED');

    const timestamp = req.header('x-timestamp') ?? '';
    if (!/^\d{1,12}$/.test(timestamp)) throw new BankAuthFailed('TIMESTAMP_OUT_OF_WINDOW');
    const expected = signBankRequest(key.secret, timestamp, req.method, req.originalUrl, req.rawBody ?? '');
    if (!safeEqual(expected, req.header('x-signature') ?? '')) throw new BankAuthFailed('SIGNATURE_INVALID');

    const skew = Math.abs(Number(timestamp) - this.clock.now().getTime() / 1000);
    if (skew > this.config.bankApi.timestampSkewSeconds) throw new BankAuthFailed('TIMESTAMP_OUT_OF_WINDOW');
    return { kind: 'bank', bankCode: key.bankCode, keyId: key.keyId };
  }
}
