import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { BankRequestVerifier } from './bank-request-verifier';

/** Makes the verified bank key the request's principal, or refuses with 401 and a bank-api.md code. */
@Injectable()
export class BankSignatureGuard implements CanActivate {
  constructor(private readonly verifier: BankRequestVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest();
    req.principal = await this.verifier.verify(req);
    return true;
  }
}
