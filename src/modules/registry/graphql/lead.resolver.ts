import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { ByIdQuery } from '../../../platform/graphql/node';
import { UnlicensedLead } from '../entities/unlicensed-lead.entity';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { LeadService } from '../lead.service';
import { LEAD_ROLES, READ_ROLES } from '../registry.access';
import { registryDashboardOutOfScope } from '../registry.errors';
import { RegistryQueries } from '../registry.queries';
import { LeadQueries } from '../registry.queries.leads';
import { LeadsArgs, RecordLeadInput, ResolveLeadInput, StartLeadInvestigationInput } from './registry.inputs';
import { RegistryDashboardObject, UnlicensedLeadConnection, UnlicensedLeadObject } from './registry.objects';

@Resolver(() => UnlicensedLeadObject)
export class LeadResolver {
  constructor(
    private readonly leads: LeadService,
    private readonly queries: RegistryQueries,
    private readonly leadQueries: LeadQueries,
  ) {}

  @Roles(...READ_ROLES)
  @Query(() => UnlicensedLeadConnection, {
    description: 'Leads on unlicensed or variant training (非法/变异培训线索) the caller may see, newest first.',
    complexity: pagedComplexity,
  })
  async unlicensedLeads(
    @CurrentPrincipal() actor: Principal,
    @Args() args: LeadsArgs,
  ): Promise<Connection<UnlicensedLeadObject>> {
    const page = await this.leads.list(actor, args.filter ?? {}, args);
    const before = await this.leads.overdueBefore();
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: UnlicensedLeadObject.from(e.node, before) })),
    };
  }

  @Roles(...READ_ROLES)
  @ByIdQuery(() => UnlicensedLeadObject, {
    node: () => UnlicensedLead,
    description: 'A lead on unlicensed or variant training the caller may see.',
  })
  async unlicensedLead(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the lead.' }, uuidArg()) id: string,
  ): Promise<UnlicensedLeadObject> {
    return UnlicensedLeadObject.from(await this.leads.get(actor, id), await this.leads.overdueBefore());
  }

  @Roles(...READ_ROLES)
  @Query(() => RegistryDashboardObject, {
    description:
      'Registry KPIs: subject institutions remaining, open and overdue leads (a township officer: their township).',
  })
  async registryDashboard(
    @CurrentPrincipal() actor: Principal,
    @Args('townshipCode', {
      nullable: true,
      description: 'Only this township (乡镇/街道 code); a township officer may give only their own.',
    })
    townshipCode?: string,
  ): Promise<RegistryDashboardObject> {
    const officer = actor.kind === 'user' && actor.role === Role.TOWNSHIP_OFFICER;
    if (officer && townshipCode !== undefined && townshipCode !== null && townshipCode !== actor.townshipCode)
      throw registryDashboardOutOfScope(townshipCode);
    const township = officer ? actor.townshipCode : townshipCode;
    const [subjectInstitutionsRemaining, openLeads, overdueLeads, leadClearanceDays] = await Promise.all([
      this.queries.countSubjectInstitutionsRemaining(township),
      this.leadQueries.countOpen(township),
      this.leads.countOverdue(township),
      this.leads.clearanceDays(),
    ]);
    return { subjectInstitutionsRemaining, openLeads, overdueLeads, leadClearanceDays };
  }

  @Roles(...LEAD_ROLES)
  @Mutation(() => UnlicensedLeadObject, {
    description: 'Record a lead (grid patrol, complaint, public opinion); a township officer in their township.',
  })
  async recordUnlicensedLead(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The lead.' }) input: RecordLeadInput,
  ): Promise<UnlicensedLeadObject> {
    return UnlicensedLeadObject.from(await this.leads.record(actor, input), await this.leads.overdueBefore());
  }

  @Roles(...LEAD_ROLES)
  @Mutation(() => UnlicensedLeadObject, { description: 'Start investigating a lead (OPEN → INVESTIGATING).' })
  async startLeadInvestigation(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The lead and who investigates how.' }) input: StartLeadInvestigationInput,
  ): Promise<UnlicensedLeadObject> {
    return UnlicensedLeadObject.from(
      await this.leads.startInvestigation(actor, input.id, input.note),
      await this.leads.overdueBefore(),
    );
  }

  @Roles(...LEAD_ROLES)
  @Mutation(() => UnlicensedLeadObject, {
    description: 'Resolve a lead: OPEN / INVESTIGATING → CLOSED (取缔) / REGULARISED / UNFOUNDED.',
  })
  async resolveUnlicensedLead(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The lead, its outcome and findings.' }) input: ResolveLeadInput,
  ): Promise<UnlicensedLeadObject> {
    return UnlicensedLeadObject.from(
      await this.leads.resolve(actor, input.id, input.outcome, input.findings, input.institutionId ?? null),
      await this.leads.overdueBefore(),
    );
  }
}
