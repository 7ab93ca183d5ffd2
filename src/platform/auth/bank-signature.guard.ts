import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { refuseDuplicateJsonKeys } from '../http/duplicate-keys';
import { BankRequestVerifier } from './bank-request-verifier';

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
    refuseDuplicateJsonKeys(req.rawBody);
    return true;
  }
}
