import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { findDuplicateKey } from '../http/duplicate-keys';
import { CreditPlatformRequestVerifier } from './credit-platform-request-verifier';
import { text } from '../i18n/text';

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
    const duplicate = req.rawBody ? findDuplicateKey(req.rawBody.toString('utf8')) : null;
    if (duplicate !== null)
      throw new DomainError(
        'DUPLICATE_JSON_KEY',
        text(`The body names "${duplicate}" twice in one object`, `请求体的同一对象中“${duplicate}”出现了两次`),
        400,
        [{ path: duplicate, message: text('named twice', '重复出现') }],
      );
    return true;
  }
}
