import { randomBytes } from 'node:crypto';

/** 31 characters that are hard to misread on the phone or on paper: no 0/O, 1/I/L. */
const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const TRACKING_PREFIX = 'TS';
const TRACKING_LENGTH = 12;
export const TRACKING_PATTERN = new RegExp(`^${TRACKING_PREFIX}[${TRACKING_ALPHABET}]{${TRACKING_LENGTH}}$`);

/**
 * A public tracking number (查询码): `TS` + 12 characters drawn uniformly from crypto.randomBytes
 * (rejection sampling, about 59 bits), so it is neither sequential nor guessable.
 */
export function newTrackingNumber(random: (size: number) => Buffer = randomBytes): string {
  const limit = 256 - (256 % TRACKING_ALPHABET.length);
  let out = '';
  while (out.length < TRACKING_LENGTH) {
    for (const byte of random(TRACKING_LENGTH * 2)) {
      if (byte >= limit) continue;
      out += TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length];
      if (out.length === TRACKING_LENGTH) break;
    }
  }
  return TRACKING_PREFIX + out;
}

/** Normalises what a person typed (case, spaces) before looking a number up. */
export function normaliseTrackingNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
