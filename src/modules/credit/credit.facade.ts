import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreditEntryService } from './credit-entry.service';
import { Standing } from './credit-entry.types';

export type StandingKindListed = 'BLACK' | 'WHITE' | 'GREY';

/** Credit as other modules see it: the public standing of institutions (e.g. after-school brings in whitelisted ones). */
@Injectable()
export class CreditFacade {
  constructor(
    private readonly entries: CreditEntryService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Dashboard: entries on the published lists (published or awaiting removal) by kind, county-wide or
   * one township's (idx_credit_entry_public).
   */
  async countListedByKind(townshipCode?: string): Promise<Record<StandingKindListed, number>> {
    const rows = (await this.dataSource.query(
      `SELECT kind, count(*)::int AS count FROM credit_entry
       WHERE status IN ('PUBLISHED','REMOVAL_PROPOSED') AND ($1::varchar IS NULL OR township_code = $1) GROUP BY kind`,
      [townshipCode ?? null],
    )) as { kind: StandingKindListed; count: number }[];
    const counts: Record<StandingKindListed, number> = { BLACK: 0, WHITE: 0, GREY: 0 };
    for (const r of rows) counts[r.kind] = r.count;
    return counts;
  }

  /** One standing per id, in order: BLACK over GREY over WHITE, or NONE. */
  standings(institutionIds: readonly string[]): Promise<Standing[]> {
    return this.entries.standings(institutionIds);
  }

  async isWhitelisted(institutionId: string): Promise<boolean> {
    const [s] = await this.entries.standings([institutionId]);
    return s?.standing === 'WHITE';
  }
}
