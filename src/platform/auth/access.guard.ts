import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import passport from 'passport';
import { DomainError, Forbidden } from '../errors/domain-error';
import { Unauthenticated, tokenInvalid } from './auth.errors';
import { BANK_AUTH, CREDIT_PLATFORM_AUTH, IS_PUBLIC, PLATFORM_AUTH, ROLES } from './decorators';
import { JwtStrategy } from './jwt.strategy';
import { ANONYMOUS, Principal, UserPrincipal } from './principal';
import { requestOf, responseOf } from './request-of';
import { Role, STAFF_ROLES } from './role';
import { text } from '../i18n/text';

/**
 * The global guard of every GraphQL operation and REST route: a bearer token (if any) becomes the
 * request's principal; operations not marked `@Public()` need a logged-in user, and `@Roles(...)`
 * narrows them to some roles (without it: STAFF_ROLES, every role but INSTITUTION_ADMIN). Bank routes
 * (`@BankApi()`) are left to the bank signature guard, platform routes (`@PlatformApi()`) to the platform one,
 * credit-platform routes (`@CreditPlatformApi()`) to theirs.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(BANK_AUTH, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(PLATFORM_AUTH, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(CREDIT_PLATFORM_AUTH, targets)) return true;
    const req = requestOf(context);
    const principal = await this.authenticate(req, responseOf(context));
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (principal.kind !== 'user') throw req.authError ?? new Unauthenticated();
    // No @Roles: any of the county's staff, never an institution administrator (who gets what names it).
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES, targets) ?? STAFF_ROLES;
    if (!roles.includes(principal.role))
      throw new Forbidden(
        text(`This needs one of the roles ${roles.join(', ')}`, `此操作需要以下角色之一：${roles.join('、')}`),
      );
    return true;
  }

  /** Once per request (a GraphQL request passes here for each root field). */
  private async authenticate(req: Request, res: Response): Promise<Principal> {
    if (req.principal) return req.principal;
    if (!/^Bearer\s+\S/i.test(req.header('authorization') ?? '')) {
      req.principal = ANONYMOUS;
      return ANONYMOUS;
    }
    try {
      req.principal = await this.verifyBearer(req, res);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // e.g. the database is down: not the caller's fault
      req.principal = ANONYMOUS;
      req.authError = error;
    }
    return req.principal;
  }

  /** passport-jwt on this application's strategy instance (a fresh object per request, as passport does). */
  private verifyBearer(req: Request, res: Response): Promise<UserPrincipal> {
    return new Promise((resolve, reject) => {
      const strategy = Object.create(this.jwt) as JwtStrategy;
      passport.authenticate(strategy, { session: false }, (error: unknown, principal: UserPrincipal | false) => {
        if (error) reject(error);
        else if (!principal) reject(tokenInvalid());
        else resolve(principal);
      })(req, res, (error: unknown) => reject(error ?? tokenInvalid()));
    });
  }
}
