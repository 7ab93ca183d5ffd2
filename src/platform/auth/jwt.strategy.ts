import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { tokenExpired, tokenInvalid } from './auth.errors';
import { USER_PRINCIPAL_STORE, UserPrincipalStore } from './credential-stores';
import { UserPrincipal } from './principal';
import { AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token.service';
import { UUID } from '../ids/uuid';

/**
 * Verifies the bearer token (HS256 only, our issuer and audience) with passport-jwt, checks expiry
 * against the injectable clock (so tests move time), and loads the user's current role and scope: a
 * disabled user, or a token from before a password reset, is refused at once.
 *
 * The strategy is used as an instance by the access guard and registers itself with a passport of its
 * own, not passport's global registry: several applications in one process (tests, replicas, the
 * command-line tools) each keep their own.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    @Inject(USER_PRINCIPAL_STORE) private readonly users: UserPrincipalStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public
      // key on every request, which cost more than the signature check itself (bench:graphql-read profile).
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: true, // checked below against the Clock
    });
  }

  getPassportInstance(): passport.PassportStatic {
    return new passport.Passport() as passport.PassportStatic;
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<UserPrincipal> {
    if (
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !Number.isInteger(claims.sv) ||
      typeof claims.exp !== 'number'
    )
      throw tokenInvalid();
    if (claims.exp * 1000 <= this.clock.now().getTime()) throw tokenExpired();
    const principal = await this.users.principalFor(claims.sub, claims.sv as number);
    if (!principal) throw tokenInvalid();
    return principal;
  }
}
