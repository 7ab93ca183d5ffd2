import { Inject, Injectable, RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { safeEqual } from '../crypto/crypto';
import { BankAuthFailed } from './auth.errors';
import { signBankRequest } from './bank-signature';
import { BANK_KEY_STORE, BankKeyStore } from './credential-stores';
import { BankPrincipal } from './principal';

/** What a signed request is checked against: the key found by its id (a bank's or a platform's). */
interface SigningKey {
  revoked: boolean;
  secret: string;
}

/**
 * The signed-request check of bank-api.md, shared by the bank and the platform interfaces (each with its
 * own key id header and key store): a known, unrevoked key id; an HMAC-SHA256 signature over
 * `${timestamp}\n${METHOD}\n${path with query}\n${raw body}` compared in constant time; a timestamp
 * within the allowed skew of the service clock. It only reads: a refused request changes nothing.
 */
export async function verifySignedRequest<K extends SigningKey>(
  req: RawBodyRequest<Request>,
  keyIdHeader: string,
  findKey: (keyId: string) => Promise<K | null>,
  now: Date,
  skewSeconds: number,
): Promise<K> {
  const keyId = req.header(keyIdHeader) ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) throw new BankAuthFailed('KEY_UNKNOWN');
  const key = await findKey(keyId);
  if (!key) throw new BankAuthFailed('KEY_UNKNOWN');
  if (key.revoked) throw new BankAuthFailed('KEY_REVOKED');

  const timestamp = req.header('x-timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) throw new BankAuthFailed('TIMESTAMP_OUT_OF_WINDOW');
  const expected = signBankRequest(key.secret, timestamp, req.method, req.originalUrl, req.rawBody ?? '');
  if (!safeEqual(expected, req.header('x-signature') ?? '')) throw new BankAuthFailed('SIGNATURE_INVALID');

  const skew = Math.abs(Number(timestamp) - now.getTime() / 1000);
  if (skew > skewSeconds) throw new BankAuthFailed('TIMESTAMP_OUT_OF_WINDOW');
  return key;
}

/** Authenticates a bank request (header X-Bank-Key-Id, the bank key store) as bank-api.md says. */
@Injectable()
export class BankRequestVerifier {
  constructor(
    @Inject(BANK_KEY_STORE) private readonly keys: BankKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async verify(req: RawBodyRequest<Request>): Promise<BankPrincipal> {
    const key = await verifySignedRequest(
      req,
      'x-bank-key-id',
      (id) => this.keys.findKey(id),
      this.clock.now(),
      this.config.bankApi.timestampSkewSeconds,
    );
    return { kind: 'bank', bankCode: key.bankCode, keyId: key.keyId };
  }
}
