import { Injectable } from '@nestjs/common';
import { CreditEntryService, Standing } from './credit-entry.service';

/** Credit as other modules see it: the public standing of institutions (e.g. after-school brings in whitelisted ones). */
@Injectable()
export class CreditFacade {
  constructor(private readonly entries: CreditEntryService) {}

  /** One standing per id, in order: BLACK over GREY over WHITE, or NONE. */
  standings(institutionIds: readonly string[]): Promise<Standing[]> {
    return this.entries.standings(institutionIds);
  }

  async isWhitelisted(institutionId: string): Promise<boolean> {
    const [s] = await this.entries.standings([institutionId]);
    return s?.standing === 'WHITE';
  }
}
