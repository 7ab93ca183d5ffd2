import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { CreditRecordService } from './credit-record.service';
import { CreditRecordKind, CreditRecordSource, CreditSeverity } from './entities/credit-record.entity';
import { Standing } from './credit-entry.types';
import { CreditQueries, StandingKindListed } from './credit.queries';

export type { StandingKindListed } from './credit.queries';

/** Credit as other modules see it: the public standing of institutions (e.g. after-school brings in whitelisted ones). */
@Injectable()
export class CreditFacade {
  constructor(
    private readonly queries: CreditQueries,
    private readonly records: CreditRecordService,
  ) {}

  /**
   * The credit record (信用记录, source ADMINISTRATIVE_PENALTY) of an administrative penalty decision, in the
   * enforcement module's transaction: one per decision (its id is the source reference), audited and
   * announced as credit.record.created. Returns the record id, or null when the decision was recorded before.
   */
  async recordPenalty(
    em: EntityManager,
    actor: Principal,
    input: {
      penaltyId: string;
      institutionId: string;
      decisionNumber: string;
      summary: string;
      severity: 'MINOR' | 'SERIOUS' | 'GRAVE';
      decidedOn: string;
    },
  ): Promise<string | null> {
    const record = await this.records.createIn(em, actor, {
      institutionId: input.institutionId,
      kind: CreditRecordKind.VIOLATION,
      source: CreditRecordSource.ADMINISTRATIVE_PENALTY,
      severity: input.severity as CreditSeverity,
      summary: input.summary,
      evidence: [{ kind: 'DOCUMENT', reference: input.decisionNumber, note: '行政处罚决定书 (penalty decision)' }],
      occurredOn: input.decidedOn,
      sourceReference: input.penaltyId,
    });
    return record?.id ?? null;
  }

  /**
   * Dashboard: entries on the published lists (published or awaiting removal) by kind, county-wide or
   * one township's (idx_credit_entry_public).
   */
  countListedByKind(townshipCode?: string): Promise<Record<StandingKindListed, number>> {
    return this.queries.countListedByKind(townshipCode);
  }

  /** One standing per id, in order: BLACK over GREY over WHITE, or NONE. */
  standings(institutionIds: readonly string[]): Promise<Standing[]> {
    return this.queries.standings(institutionIds);
  }

  async isWhitelisted(institutionId: string): Promise<boolean> {
    const [s] = await this.queries.standings([institutionId]);
    return s?.standing === 'WHITE';
  }
}
