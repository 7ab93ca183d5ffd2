import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';

export const TOKEN_ISSUER = 'shuangjian';
export const TOKEN_AUDIENCE = 'shuangjian-api';

/** Claims of an access token: the user, the session version it was issued for, issue and expiry times. */
export interface AccessTokenClaims {
  sub: string;
  sv: number;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

/** Issues short-lived HS256 access tokens with times from the injectable clock. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  issue(userId: string, sessionVersion: number): IssuedToken {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.config.auth.jwtTtlSeconds;
    const claims: AccessTokenClaims = { sub: userId, sv: sessionVersion, iat, exp };
    const accessToken = this.jwt.sign(claims, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }
}

export function createJwtService(config: AppConfig): JwtService {
  return new JwtService({ secret: config.auth.jwtSecret });
}
