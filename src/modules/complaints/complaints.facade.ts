import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Loaders, loadLink, loadLinks } from '../../platform/graphql/loaders';
import { UUID } from '../../platform/ids/uuid';
import { ComplaintObject } from './graphql/complaints.objects';
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
    private readonly clock: Clock,
  ) {}

  /**
   * The link from a record to a complaint (`PrepaidRefund.complaint`, `Complaint.duplicateOf`, …): the
   * `Complaint` that `complaint(id:)` gives the caller, else null (out of scope, or a role that reads no
   * complaints). One per-request loader, one scoped statement per page.
   */
  complaintLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<ComplaintObject | null> {
    return loadLink(loaders, 'complaints.complaint-link', id, async (ids) => {
      const now = this.clock.now();
      return (
        await this.queries.readableByIds(
          actor,
          ids.filter((i) => UUID.test(i)),
        )
      ).map((c) => ComplaintObject.from(c, now));
    });
  }

  /** The list-of-ids link to complaints (`PenaltyDecision.complaints`), through the same loader as complaintLink. */
  complaintLinks(loaders: Loaders, actor: Principal, ids: readonly string[]): Promise<ComplaintObject[]> {
    return loadLinks(loaders, 'complaints.complaint-link', ids, async (batch) => {
      const now = this.clock.now();
      return (
        await this.queries.readableByIds(
          actor,
          batch.filter((i) => UUID.test(i)),
        )
      ).map((c) => ComplaintObject.from(c, now));
    });
  }

  /**
   * What another module checks of complaints it cites (enforcement's penalty decisions): each one's
   * institution and township; unknown or malformed ids are left out. No principal: the caller scopes its own record.
   */
  complaintSubjects(
    ids: readonly string[],
  ): Promise<{ id: string; institutionId: string | null; townshipCode: string }[]> {
    return this.queries.subjects([...new Set(ids)].filter((i) => UUID.test(i)));
  }

  /**
   * What another module needs to act on a complaint the caller may read (the schools module opens a case
   * against a teacher from a paid-tutoring complaint): category, status, township; null when the complaint
   * does not exist or is outside the caller's scope.
   */
  async readableFacts(
    actor: Principal,
    id: string,
  ): Promise<{
    id: string;
    trackingNumber: string;
    category: ComplaintCategory;
    status: string;
    townshipCode: string;
  } | null> {
    if (!UUID.test(id)) return null;
    const [c] = await this.queries.readableByIds(actor, [id.toLowerCase()]);
    return c
      ? {
          id: c.id,
          trackingNumber: c.trackingNumber,
          category: c.category,
          status: c.status,
          townshipCode: c.townshipCode,
        }
      : null;
  }

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
