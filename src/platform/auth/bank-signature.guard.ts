import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { findDuplicateKey } from '../http/duplicate-keys';
import { BankRequestVerifier } from './bank-request-verifier';
import { text } from '../i18n/text';

/**
 * Makes the verified bank key the request's principal, or refuses with 401 and a bank-api.md code; then
 * refuses (400 DUPLICATE_JSON_KEY) a body naming a key twice in one object, which JSON.parse would read
 * as the last one while the bank's system may have meant the first.
 */
@Injectable()
export class BankSignatureGuard implements CanActivate {
  constructor(private readonly verifier: BankRequestVerifier) {}

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
