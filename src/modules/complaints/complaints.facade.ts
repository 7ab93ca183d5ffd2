import { Injectable } from '@nestjs/common';
import { ComplaintCategory } from './complaint.enums';
import { ComplaintIntakeService } from './complaint-intake.service';
import { ComplaintsQueries } from './complaints.queries';
import { Routing } from './routing';
import { ComplaintDashboardFigures, ComplaintOverdueRow } from './complaints.types';

/** What other modules (the dashboard) read of complaints: figures (through the module's queries) and the routing of a category. */
@Injectable()
export class ComplaintsFacade {
  constructor(
    private readonly queries: ComplaintsQueries,
    private readonly intake: ComplaintIntakeService,
  ) {}

  /** Received, closed, overdue, rated and satisfied in [from, to): see ComplaintsQueries.dashboardFigures. */
  dashboardFigures(input: { from: Date; to: Date; townshipCode?: string }): Promise<ComplaintDashboardFigures> {
    return this.queries.dashboardFigures(input);
  }

  /** Overdue complaints per township, lead department and level: see ComplaintsQueries.overdueBreakdown. */
  overdueBreakdown(input: { townshipCode?: string; now?: Date }): Promise<ComplaintOverdueRow[]> {
    return this.queries.overdueBreakdown(input);
  }

  /** Lead and co-operating departments of a category, read from the reference duty table. */
  routeCategory(category: ComplaintCategory): Promise<Routing> {
    return this.intake.routeCategory(category);
  }
}
