import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Coverage, EscrowAccountService } from './escrow-account.service';
import { EscrowInstructionService, FreezeRequestOutcome } from './escrow-instruction.service';
import { AlertType } from './monitoring/rules';

export interface EscrowDashboardFigures {
  coveredInstitutions: number;
  totalCustodyFen: bigint;
  openAlertsByType: { type: AlertType; count: number }[];
}

/**
 * Escrow as other modules see it: the credit module's black-list entry asks for a freeze inside its own
 * transaction; the dashboard reads coverage.
 */
@Injectable()
export class EscrowFacade {
  constructor(
    private readonly instructions: EscrowInstructionService,
    private readonly accounts: EscrowAccountService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Issues a FREEZE instruction for the institution's account in use, in the caller's transaction.
   * No account, an account already frozen or an instruction still pending: nothing is issued, and the
   * answer says why.
   */
  requestFreeze(em: EntityManager, input: { institutionId: string; reason: string; actor: Principal }): Promise<FreezeRequestOutcome> {
    return this.instructions.requestFreeze(em, input);
  }

  /**
   * Dashboard figures, index-backed aggregates: how many of the given (operating) institutions have an
   * account in use (ux_escrow_account_institution_open), the required custody of the accounts in use
   * (县 or one township) in fen, and the alerts not yet resolved by type.
   */
  async dashboardFigures(input: { townshipCode?: string; operatingInstitutionIds: readonly string[] }): Promise<EscrowDashboardFigures> {
    const t = input.townshipCode ?? null;
    const [covered] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM escrow_account a JOIN unnest($1::uuid[]) AS o(id) ON o.id = a.institution_id WHERE a.status <> 'CLOSED'`,
      [input.operatingInstitutionIds],
    )) as { n: number }[];
    const [custody] = (await this.dataSource.query(
      `SELECT coalesce(sum(required_custody_fen), 0)::text AS fen FROM escrow_account WHERE status <> 'CLOSED' AND ($1::varchar IS NULL OR township_code = $1)`,
      [t],
    )) as { fen: string }[];
    const alerts = (await this.dataSource.query(
      `SELECT type, count(*)::int AS count FROM escrow_alert WHERE status <> 'RESOLVED' AND ($1::varchar IS NULL OR township_code = $1) GROUP BY type ORDER BY type`,
      [t],
    )) as { type: AlertType; count: number }[];
    return { coveredInstitutions: covered.n, totalCustodyFen: BigInt(custody.fen), openAlertsByType: alerts };
  }

  /** Dashboard trend: how many of the institutions had an account open at the instant (opened before, not closed by then). */
  async countCoveredAt(institutionIds: readonly string[], at: Date): Promise<number> {
    const [r] = (await this.dataSource.query(
      `SELECT count(DISTINCT institution_id)::int AS n FROM escrow_account
       JOIN unnest($1::uuid[]) AS o(id) ON o.id = escrow_account.institution_id
       WHERE opened_at < $2 AND (closed_at IS NULL OR closed_at >= $2)`,
      [institutionIds, at],
    )) as { n: number }[];
    return r.n;
  }

  /** Operating institutions with an account in use, of all operating ones, by township and category. */
  getCoverage(): Promise<Coverage> {
    return this.accounts.coverage(systemPrincipal('escrow-facade'));
  }
}
