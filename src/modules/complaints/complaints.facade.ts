import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { ComplaintCategory, ComplaintChannel } from './complaint.enums';
import { ComplaintIntakeService } from './complaint-intake.service';
import { ComplaintsQueries } from './complaints.queries';
import { Routing } from './routing';
import { ComplaintDashboardFigures, ComplaintIntake, ComplaintOverdueRow } from './complaints.types';

/** What other modules (the dashboard) read of complaints: figures (through the module's queries) and the routing of a category. */
@Injectable()
export class ComplaintsFacade {
  constructor(
    private readonly queries: ComplaintsQueries,
    private readonly intake: ComplaintIntakeService,
  ) {}

  /**
   * The tracking number (查询码) of a complaint another module opened (a parent's objection in prepaid), so
   * the module can hand it to the complainant; null for an unknown id. No principal: the caller opened it.
   */
  async trackingNumberOf(complaintId: string): Promise<string | null> {
    const c = await this.queries.byId(complaintId);
    return c?.trackingNumber ?? null;
  }

  /** Received, closed, overdue, rated and satisfied in [from, to): see ComplaintsQueries.dashboardFigures. */
  dashboardFigures(input: { from: Date; to: Date; townshipCode?: string }): Promise<ComplaintDashboardFigures> {
    return this.queries.dashboardFigures(input);
  }

  /** Overdue complaints per township, lead department and level: see ComplaintsQueries.overdueBreakdown. */
  overdueBreakdown(input: { townshipCode?: string; now?: Date }): Promise<ComplaintOverdueRow[]> {
    return this.queries.overdueBreakdown(input);
  }

  /**
   * Opens a complaint in the caller's transaction (a parent's objection to a lesson in prepaid), with
   * complaints' own checks, routing by category, stored deadlines, duplicate linking and audit.
   */
  async openIn(
    em: EntityManager,
    actor: Principal,
    input: ComplaintIntake,
    channel: ComplaintChannel,
  ): Promise<{ id: string; trackingNumber: string }> {
    const c = await this.intake.openIn(em, actor, input, channel);
    return { id: c.id, trackingNumber: c.trackingNumber };
  }

  /** Lead and co-operating departments of a category, read from the reference duty table. */
  routeCategory(category: ComplaintCategory): Promise<Routing> {
    return this.intake.routeCategory(category);
  }
}
