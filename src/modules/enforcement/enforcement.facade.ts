import { Injectable } from '@nestjs/common';
import { EnforcementQueries, PenaltyFigures } from './enforcement.queries';

export type { PenaltyFigures } from './enforcement.queries';

/**
 * Enforcement as other modules see it: the penalty figures of a window (the dashboard). Nothing else
 * reads enforcement directly: the public profile's penalties are a field this module adds to the
 * registry's type, supervision's reports get the `enforcement` section through ReportContributions, and
 * the credit-sharing feed follows the `enforcement.penalty.*` events.
 */
@Injectable()
export class EnforcementFacade {
  constructor(private readonly queries: EnforcementQueries) {}

  /** Decisions decided in [from, to) (business dates), not withdrawn: see EnforcementQueries.figures. */
  penaltyFigures(from: string, to: string): Promise<PenaltyFigures> {
    return this.queries.figures(from, to);
  }
}
