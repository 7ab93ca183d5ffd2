import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Coverage, EscrowAccountService } from './escrow-account.service';
import { EscrowInstructionService, FreezeRequestOutcome } from './escrow-instruction.service';

/**
 * Escrow as other modules see it: the credit module's black-list entry asks for a freeze inside its own
 * transaction; the dashboard reads coverage.
 */
@Injectable()
export class EscrowFacade {
  constructor(
    private readonly instructions: EscrowInstructionService,
    private readonly accounts: EscrowAccountService,
  ) {}

  /**
   * Issues a FREEZE instruction for the institution's account in use, in the caller's transaction.
   * No account, an account already frozen or an instruction still pending: nothing is issued, and the
   * answer says why.
   */
  requestFreeze(em: EntityManager, input: { institutionId: string; reason: string; actor: Principal }): Promise<FreezeRequestOutcome> {
    return this.instructions.requestFreeze(em, input);
  }

  /** Operating institutions with an account in use, of all operating ones, by township and category. */
  getCoverage(): Promise<Coverage> {
    return this.accounts.coverage(systemPrincipal('escrow-facade'));
  }
}
