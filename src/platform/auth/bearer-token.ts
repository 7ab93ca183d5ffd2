import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import passport from 'passport';
import { Unauthenticated, tokenInvalid } from './auth.errors';
import { JwtStrategy } from './jwt.strategy';
import { UserPrincipal } from './principal';

export interface VerifiedBearer {
  principal: UserPrincipal;
  /** When the access token expires (its `exp` claim). */
  expiresAt: Date;
}

/**
 * A bearer token outside an HTTP request (the live-updates WebSocket sends it in its connection
 * parameters): the same passport-jwt strategy instance as the access guard, so the checks are the
 * guard's — signature, issuer, audience, expiry by the injectable clock, the user active now with the
 * session version of the token — and the principal is the user's role and scope as stored now.
 */
@Injectable()
export class BearerTokenVerifier {
  constructor(
    private readonly strategy: JwtStrategy,
    private readonly jwt: JwtService,
  ) {}

  /** Throws `UNAUTHENTICATED` (no bearer token), `TOKEN_INVALID` or `TOKEN_EXPIRED`. */
  async verify(authorization: unknown): Promise<VerifiedBearer> {
    if (typeof authorization !== 'string' || !/^Bearer\s+\S/i.test(authorization) || authorization.length > 4096) {
      throw new Unauthenticated();
    }
    const req = { headers: { authorization } } as unknown as Request;
    const principal = await new Promise<UserPrincipal>((resolve, reject) => {
      const strategy = Object.create(this.strategy) as JwtStrategy;
      passport.authenticate(strategy, { session: false }, (error: unknown, user: UserPrincipal | false) => {
        if (error) reject(error);
        else if (!user) reject(tokenInvalid());
        else resolve(user);
      })(req, {} as Response, (error: unknown) => reject(error ?? tokenInvalid()));
    });
    const claims = this.jwt.decode<{ exp?: unknown } | null>(authorization.replace(/^Bearer\s+/i, ''));
    if (!claims || typeof claims.exp !== 'number') throw tokenInvalid();
    return { principal, expiresAt: new Date(claims.exp * 1000) };
  }
}
