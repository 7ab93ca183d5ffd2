import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PolicyFacade } from '../policy';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { ReferenceFacade } from '../reference';
import { LeadKind, LeadSource, LeadStatus, UnlicensedLead } from './entities/unlicensed-lead.entity';
import { Licensing } from './licensing';
import { leadTownshipOf } from './registry.access';
import { illegalLeadTransition, institutionNotFound, leadNotFound, leadOutsideTownship } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { LeadFilter, LeadQueries } from './registry.queries.leads';
import { text } from '../../platform/i18n/text';
import { gridOutside } from '../../platform/i18n/field-texts';

export interface LeadInput {
  townshipCode: string;
  gridCode?: string | null;
  location: string;
  latitude?: number | null;
  longitude?: number | null;
  kind: LeadKind;
  source: LeadSource;
  description: string;
}

export type LeadOutcome = LeadStatus.CLOSED | LeadStatus.REGULARISED | LeadStatus.UNFOUNDED;

const OPEN = [LeadStatus.OPEN, LeadStatus.INVESTIGATING];
const OUTCOME_EVENT = {
  [LeadStatus.CLOSED]: 'registry.unlicensed_lead.closed',
  [LeadStatus.REGULARISED]: 'registry.unlicensed_lead.regularised',
  [LeadStatus.UNFOUNDED]: 'registry.unlicensed_lead.unfounded',
} as const;

/**
 * Unlicensed and variant training (非法/变异培训): leads from grid patrols, complaints and public-opinion
 * monitoring; OPEN → INVESTIGATING → CLOSED (取缔) / REGULARISED / UNFOUNDED. A lead still open
 * the county rule `registry.lead_clearance_days` after it was reported is overdue (动态清零).
 */
@Injectable()
export class LeadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: LeadQueries,
    private readonly registry: RegistryQueries,
    private readonly licensing: Licensing,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
  ) {}

  /** The county rule registry.lead_clearance_days in force now. */
  clearanceDays(now = this.clock.now()): Promise<number> {
    return this.policy.value('registry.lead_clearance_days', now);
  }

  /** The instant before which a still-open lead is overdue. */
  async overdueBefore(now = this.clock.now()): Promise<Date> {
    return new Date(now.getTime() - (await this.clearanceDays(now)) * 86_400_000);
  }

  async list(actor: Principal, filter: LeadFilter, page: PageArgs): Promise<Connection<UnlicensedLead>> {
    return this.queries.list(actor, filter, page, filter.overdue ? await this.overdueBefore() : undefined);
  }

  get(actor: Principal, id: string): Promise<UnlicensedLead> {
    return this.queries.lead(actor, id);
  }

  /** Open leads reported before the clearance deadline (dashboard KPI, target 0), county-wide or in a township. */
  async countOverdue(townshipCode?: string, now = this.clock.now()): Promise<number> {
    return this.queries.countOverdue(await this.overdueBefore(now), townshipCode);
  }

  async record(actor: Principal, input: LeadInput): Promise<UnlicensedLead> {
    const own = leadTownshipOf(actor, await this.licensing.departments());
    if (own !== null && own !== input.townshipCode) throw leadOutsideTownship();
    await this.reference.getTownship(input.townshipCode);
    if (input.gridCode) {
      const grids = await this.reference.gridsOfTownships([input.townshipCode]);
      if (!grids.some((g) => g.code === input.gridCode))
        throw new ValidationFailed([{ path: 'gridCode', message: gridOutside(input.gridCode, input.townshipCode) }]);
    }
    if ((input.latitude == null) !== (input.longitude == null))
      throw new ValidationFailed([
        {
          path: 'latitude',
          message: text('give both latitude and longitude, or neither', '经度和纬度须同时填写或同时不填'),
        },
      ]);
    return this.dataSource.transaction((em) => this.insert(em, actor, input));
  }

  /**
   * Opens a lead from an unlicensed-training complaint (complaints.unlicensed_training.reported), inside
   * the delivering subscriber's transaction. The complaint module has validated the township.
   */
  openFromComplaint(
    em: EntityManager,
    complaint: {
      complaintId: string;
      trackingNumber: string;
      townshipCode: string;
      address: string | null;
      description: string;
      institutionName: string | null;
    },
  ): Promise<UnlicensedLead> {
    const where = complaint.address ?? complaint.institutionName ?? `投诉 ${complaint.trackingNumber}`;
    return this.insert(em, systemPrincipal('registry.complaint-leads'), {
      townshipCode: complaint.townshipCode,
      location: where.slice(0, 300),
      kind: LeadKind.UNLICENSED,
      source: LeadSource.COMPLAINT,
      description: `投诉 ${complaint.trackingNumber}${complaint.institutionName ? ` (${complaint.institutionName})` : ''}: ${complaint.description}`,
    });
  }

  private async insert(em: EntityManager, actor: Principal, input: LeadInput): Promise<UnlicensedLead> {
    const lead = em.getRepository(UnlicensedLead).create({
      townshipCode: input.townshipCode,
      gridCode: input.gridCode ?? null,
      location: input.location,
      latitude: input.latitude == null ? null : input.latitude.toFixed(6),
      longitude: input.longitude == null ? null : input.longitude.toFixed(6),
      kind: input.kind,
      source: input.source,
      description: input.description,
      status: LeadStatus.OPEN,
      findings: null,
      institutionId: null,
      reportedAt: this.clock.now(),
      investigationStartedAt: null,
      resolvedAt: null,
    });
    await em.getRepository(UnlicensedLead).insert(lead);
    await this.audit.record(em, {
      actor,
      action: 'registry.unlicensed_lead.opened',
      entityType: 'unlicensed_lead',
      entityId: lead.id,
      summary: { townshipCode: lead.townshipCode, kind: lead.kind, source: lead.source },
    });
    await this.events.publish(em, 'registry.unlicensed_lead.opened', this.payload(lead));
    return lead;
  }

  startInvestigation(actor: Principal, id: string, note: string): Promise<UnlicensedLead> {
    return this.move(actor, id, 'startLeadInvestigation', [LeadStatus.OPEN], async (lead) => {
      lead.status = LeadStatus.INVESTIGATING;
      lead.investigationStartedAt = this.clock.now();
      lead.findings = note;
      return null;
    });
  }

  /** Ends a lead: CLOSED (取缔), REGULARISED (optionally naming the registered institution) or UNFOUNDED. */
  resolve(
    actor: Principal,
    id: string,
    outcome: LeadOutcome,
    findings: string,
    institutionId: string | null,
  ): Promise<UnlicensedLead> {
    return this.move(actor, id, 'resolveLead', OPEN, async (lead, em) => {
      if (institutionId) {
        if (outcome !== LeadStatus.REGULARISED)
          throw new ValidationFailed([
            {
              path: 'institutionId',
              message: text(
                'only a regularised lead names an institution',
                '只有已规范（转为持证机构）的线索才关联机构',
              ),
            },
          ]);
        if (!(await this.registry.institutionExists(em, institutionId))) throw institutionNotFound(institutionId);
      }
      lead.status = outcome;
      lead.findings = findings;
      lead.institutionId = institutionId;
      lead.resolvedAt = this.clock.now();
      return OUTCOME_EVENT[outcome];
    });
  }

  /**
   * Closes (取缔) an open lead inside the caller's transaction, on the authority of an administrative
   * penalty decided against its operator (the enforcement module checked the deciding officer): the same
   * audit row and `registry.unlicensed_lead.closed` event as resolveLead. A lead already CLOSED or
   * REGULARISED is left as it is (false); an UNFOUNDED one is ILLEGAL_TRANSITION.
   */
  async closeIn(em: EntityManager, actor: Principal, id: string, findings: string): Promise<boolean> {
    const lead = await this.queries.lockLead(em, id, null);
    if (!lead) throw leadNotFound(id);
    if (lead.status === LeadStatus.CLOSED || lead.status === LeadStatus.REGULARISED) return false;
    await this.moveIn(em, actor, lead, 'resolveLead', OPEN, async (l) => {
      l.status = LeadStatus.CLOSED;
      l.findings = findings;
      l.resolvedAt = this.clock.now();
      return OUTCOME_EVENT[LeadStatus.CLOSED];
    });
    return true;
  }

  private payload(l: UnlicensedLead) {
    return { leadId: l.id, townshipCode: l.townshipCode, kind: l.kind, source: l.source };
  }

  private async move(
    actor: Principal,
    id: string,
    command: string,
    from: LeadStatus[],
    apply: (lead: UnlicensedLead, em: EntityManager) => Promise<(typeof OUTCOME_EVENT)[LeadOutcome] | null>,
  ): Promise<UnlicensedLead> {
    const own = leadTownshipOf(actor, await this.licensing.departments());
    return this.dataSource.transaction(async (em) => {
      const lead = await this.queries.lockLead(em, id, own);
      if (!lead) throw leadNotFound(id);
      return this.moveIn(em, actor, lead, command, from, apply);
    });
  }

  private async moveIn(
    em: EntityManager,
    actor: Principal,
    lead: UnlicensedLead,
    command: string,
    from: LeadStatus[],
    apply: (lead: UnlicensedLead, em: EntityManager) => Promise<(typeof OUTCOME_EVENT)[LeadOutcome] | null>,
  ): Promise<UnlicensedLead> {
    if (!from.includes(lead.status)) throw illegalLeadTransition(command, lead.status, from);
    const before = lead.status;
    const event = await apply(lead, em);
    await em.getRepository(UnlicensedLead).save(lead);
    await this.audit.record(em, {
      actor,
      action: `registry.unlicensed_lead.${lead.status.toLowerCase()}`,
      entityType: 'unlicensed_lead',
      entityId: lead.id,
      summary: { from: before, to: lead.status, findings: lead.findings },
    });
    if (event) await this.events.publish(em, event, this.payload(lead));
    return lead;
  }
}
