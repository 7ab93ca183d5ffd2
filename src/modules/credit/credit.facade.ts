import { Injectable } from '@nestjs/common';
import { Standing } from './credit-entry.types';
import { CreditQueries, StandingKindListed } from './credit.queries';

export type { StandingKindListed } from './credit.queries';

/** Credit as other modules see it: the public standing of institutions (e.g. after-school brings in whitelisted ones). */
@Injectable()
export class CreditFacade {
  constructor(private readonly queries: CreditQueries) {}

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
