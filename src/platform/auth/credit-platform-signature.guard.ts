import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { refuseDuplicateJsonKeys } from '../http/duplicate-keys';
import { CreditPlatformRequestVerifier } from './credit-platform-request-verifier';

/**
 * Makes the verified credit-sharing platform key the request's principal, or refuses with 401 (the bank
 * codes); then refuses a body naming a key twice in one object (400 DUPLICATE_JSON_KEY), as the bank guard does.
 */
@Injectable()
export class CreditPlatformSignatureGuard implements CanActivate {
  constructor(private readonly verifier: CreditPlatformRequestVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest();
    req.principal = await this.verifier.verify(req);
    refuseDuplicateJsonKeys(req.rawBody);
    return true;
  }
}
