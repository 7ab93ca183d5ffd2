import { randomBytes } from 'node:crypto';
import { piiHash } from '../../platform/crypto/crypto';

/**
 * Contract codes (合同码) printed on a contract: 16 characters of an unambiguous alphabet (no 0/O, 1/I/L,
 * 2/Z, 5/S, 8/B: 24 letters and digits), 73 bits from crypto.randomBytes by rejection sampling (no modulo
 * bias), written in four groups of four for printing ("KAQX-4MHA-R9TD-3WNC"). Only the keyed hash is stored.
 */
export const CONTRACT_CODE_ALPHABET = '3469ACDEFGHJKMNPQRTUVWXY';
export const CONTRACT_CODE_LENGTH = 16;

export function generateContractCode(random: (size: number) => Buffer = randomBytes): string {
  const n = CONTRACT_CODE_ALPHABET.length;
  const limit = 256 - (256 % n); // bytes at or above this would bias the draw
  let code = '';
  while (code.length < CONTRACT_CODE_LENGTH) {
    for (const byte of random(CONTRACT_CODE_LENGTH * 2)) {
      if (byte >= limit) continue;
      code += CONTRACT_CODE_ALPHABET[byte % n];
      if (code.length === CONTRACT_CODE_LENGTH) break;
    }
  }
  return code;
}

/** The printed form: groups of four joined by hyphens. */
export function formatContractCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * A typed or scanned code in canonical form (upper case, without spaces and hyphens), or null when it
 * cannot be a contract code (wrong length or a character outside the alphabet).
 */
export function normaliseContractCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== CONTRACT_CODE_LENGTH) return null;
  for (const ch of code) if (!CONTRACT_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** Keyed hash of a canonical contract code (what prepaid_contract.contract_code_hash holds). */
export function contractCodeHash(key: string, canonicalCode: string): string {
  return piiHash(key, `prepaid-contract-code:${canonicalCode}`);
}

/** Keyed hash of the payer phone's last 4 digits, bound to one contract (no table shared across contracts). */
export function phoneLast4Hash(key: string, contractId: string, last4: string): string {
  return piiHash(key, `prepaid-payer-phone4:${contractId}:${last4}`);
}
