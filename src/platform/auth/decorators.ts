import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { ANONYMOUS, Principal } from './principal';
import { requestOf } from './request-of';
import { Role } from './role';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';
export const BANK_AUTH = 'auth:bank';
export const PLATFORM_AUTH = 'auth:platform';
export const CREDIT_PLATFORM_AUTH = 'auth:credit-platform';

/** An operation anyone may call without logging in (a token, if sent, still identifies the caller). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only users holding one of these roles may call the operation (it needs a login in any case). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The acting principal of this request (GraphQL or REST): a user, a bank or platform key, or anonymous. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => requestOf(context).principal ?? ANONYMOUS,
);
