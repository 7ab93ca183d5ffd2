import { UserPrincipal } from './principal';

/**
 * Credentials live in the identity module; the platform's guards find them through these tokens, which
 * the identity module provides (platform code imports no module).
 */
export const USER_PRINCIPAL_STORE = Symbol('USER_PRINCIPAL_STORE');
export const BANK_KEY_STORE = Symbol('BANK_KEY_STORE');
export const PLATFORM_KEY_STORE = Symbol('PLATFORM_KEY_STORE');
export const CREDIT_PLATFORM_KEY_STORE = Symbol('CREDIT_PLATFORM_KEY_STORE');

export interface UserPrincipalStore {
  /** The principal of an active user whose sessions of this version are still valid, else null. */
  principalFor(userId: string, sessionVersion: number): Promise<UserPrincipal | null>;
}

export interface BankKeyRecord {
  keyId: string;
  bankCode: string;
  revoked: boolean;
  /** The decrypted shared secret (never logged). */
  secret: string;
}

export interface BankKeyStore {
  findKey(keyId: string): Promise<BankKeyRecord | null>;
}

/** An API key of a partner platform (the national or provincial platform): a separate key kind. */
export interface PlatformKeyRecord {
  keyId: string;
  platformCode: string;
  revoked: boolean;
  /** The decrypted shared secret (never logged). */
  secret: string;
}

export interface PlatformKeyStore {
  findKey(keyId: string): Promise<PlatformKeyRecord | null>;
}

/** An API key of the credit-sharing platform (信用信息共享平台): a third key kind, read-only on the credit feed. */
export interface CreditPlatformKeyRecord {
  keyId: string;
  creditPlatformCode: string;
  revoked: boolean;
  /** The decrypted shared secret (never logged). */
  secret: string;
}

export interface CreditPlatformKeyStore {
  findKey(keyId: string): Promise<CreditPlatformKeyRecord | null>;
}
