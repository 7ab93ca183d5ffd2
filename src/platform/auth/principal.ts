import { Role } from './role';

/** A person logged in with an access token; role and scope as stored now (not as when the token was issued). */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  role: Role;
  departmentCode?: string;
  townshipCode?: string;
  schoolId?: string;
  /** INSTITUTION_ADMIN: the one institution the user acts for. */
  institutionId?: string;
}

/** A partner bank authenticated by a signed request with one of its API keys. */
export interface BankPrincipal {
  kind: 'bank';
  bankCode: string;
  keyId: string;
}

/**
 * The national or provincial platform (全国校外教育培训监管与服务综合平台) authenticated by a signed request
 * with one of its API keys: a partner like a bank, with its own key kind (docs/platform-api.md). A
 * platform key cannot call bank routes and a bank key cannot call platform routes.
 */
export interface PlatformPrincipal {
  kind: 'platform';
  platformCode: string;
  keyId: string;
}

/**
 * The county's credit-sharing platform (信用信息共享平台) authenticated by a signed request with one of its
 * API keys (docs/credit-platform-api.md): a third partner key kind, which can only pull the credit feed.
 */
export interface CreditPlatformPrincipal {
  kind: 'creditPlatform';
  creditPlatformCode: string;
  keyId: string;
}

/** The service itself: command-line tools and scheduled jobs. */
export interface SystemPrincipal {
  kind: 'system';
  name: string;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

/** Who is acting. Every service call takes one; scoping and the audit log read it. */
export type Principal =
  UserPrincipal | BankPrincipal | PlatformPrincipal | CreditPlatformPrincipal | SystemPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

export function systemPrincipal(name: string): SystemPrincipal {
  return { kind: 'system', name };
}

export function isUser(principal: Principal): principal is UserPrincipal {
  return principal.kind === 'user';
}

/** True for a user holding one of the roles. */
export function hasRole(principal: Principal, ...roles: Role[]): principal is UserPrincipal {
  return principal.kind === 'user' && roles.includes(principal.role);
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the access guard (users), the bank signature guard (banks) or the platform one (platforms). */
    principal?: Principal;
    /** Why a presented access token was refused, kept for the non-public fields of the same request. */
    authError?: Error;
  }
}

/**
 * How an actor is named where a row records who did something (proposed by, acknowledged by, issued
 * by): the username, `system:<job>`, `bank:<bank code>` — the bank acts, whichever of its keys
 * signed, as in the audit log — `platform:<platform code>` and `credit-platform:<code>` likewise, and
 * `anonymous` otherwise.
 */
export function actorName(actor: Principal): string {
  switch (actor.kind) {
    case 'user':
      return actor.username;
    case 'system':
      return `system:${actor.name}`;
    case 'bank':
      return `bank:${actor.bankCode}`;
    case 'platform':
      return `platform:${actor.platformCode}`;
    case 'creditPlatform':
      return `credit-platform:${actor.creditPlatformCode}`;
    default:
      return 'anonymous';
  }
}
