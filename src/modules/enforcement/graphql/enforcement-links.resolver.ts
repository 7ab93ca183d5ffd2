import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey } from '../../../platform/graphql/loaders';
import { ComplaintObject, ComplaintsFacade } from '../../complaints';
import { EscrowAlertObject, EscrowFacade } from '../../escrow';
import { DepartmentObject, ReferenceFacade } from '../../reference';
import { InstitutionObject, RegistryFacade, UnlicensedLeadObject } from '../../registry';
import { FindingObject, SupervisionFacade } from '../../supervision';
import { EnforcementQueries } from '../enforcement.queries';
import { PublicPenaltyObject, PenaltyDecisionObject } from './enforcement.objects';
import { InstitutionPublicProfileObject } from '../../registry';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { businessDate } from '../../../platform/clock/business-time';
import { Clock } from '../../../platform/clock/clock';
import { groupByKey } from '../../../platform/graphql/loaders';

/**
 * The decision's links, each batched per request through the owning module's loader: its institution,
 * lead, findings, complaints and alerts when the caller may read them (else null / left out), and its
 * deciding department (reference data, everyone).
 */
@Resolver(() => PenaltyDecisionObject)
export class PenaltyDecisionLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly supervision: SupervisionFacade,
    private readonly complaintsFacade: ComplaintsFacade,
    private readonly escrow: EscrowFacade,
    private readonly reference: ReferenceFacade,
  ) {}

  @ResolveField(() => InstitutionObject, {
    nullable: true,
    description: 'The institution (校外培训机构) of `institutionId`; null when none or the caller may not read it',
  })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() p: PenaltyDecisionObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, p.institutionId);
  }

  @ResolveField(() => UnlicensedLeadObject, {
    nullable: true,
    description: 'The lead (无证培训线索) of `leadId`; null when none or the caller may not read it',
  })
  lead(
    @CurrentPrincipal() actor: Principal,
    @Parent() p: PenaltyDecisionObject,
    @Context() ctx: GqlContext,
  ): Promise<UnlicensedLeadObject | null> {
    return this.registry.leadLink(ctx.loaders, actor, p.leadId);
  }

  @ResolveField(() => [FindingObject], {
    description: 'The findings (检查结果) of `findingIds` the caller may read, in order',
  })
  findings(
    @CurrentPrincipal() actor: Principal,
    @Parent() p: PenaltyDecisionObject,
    @Context() ctx: GqlContext,
  ): Promise<FindingObject[]> {
    return this.supervision.findingLinks(ctx.loaders, actor, p.findingIds);
  }

  @ResolveField(() => [ComplaintObject], {
    description: 'The complaints (投诉) of `complaintIds` the caller may read, in order',
  })
  complaints(
    @CurrentPrincipal() actor: Principal,
    @Parent() p: PenaltyDecisionObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintObject[]> {
    return this.complaintsFacade.complaintLinks(ctx.loaders, actor, p.complaintIds);
  }

  @ResolveField(() => [EscrowAlertObject], {
    description: 'The escrow alerts (资金监管预警) of `alertIds` the caller may read, in order',
  })
  alerts(
    @CurrentPrincipal() actor: Principal,
    @Parent() p: PenaltyDecisionObject,
    @Context() ctx: GqlContext,
  ): Promise<EscrowAlertObject[]> {
    return this.escrow.alertLinks(ctx.loaders, actor, p.alertIds);
  }

  @ResolveField(() => DepartmentObject, {
    nullable: true,
    description: 'The deciding department (作出决定的部门) of `decidingDepartmentCode`',
  })
  decidingDepartment(@Parent() p: PenaltyDecisionObject, @Context() ctx: GqlContext): Promise<DepartmentObject | null> {
    return ctx.loaders
      .get<string, DepartmentObject | null>('reference.department-by-code', async (codes) =>
        byKey(
          codes,
          (await this.reference.listDepartments()).map((d) => ({ code: d.code, name: d.name })),
          (d) => d.code,
        ),
      )
      .load(p.decidingDepartmentCode);
  }
}

/**
 * The published penalty decisions (行政处罚信息公示) on the registry's public profile (机构公示): decisions
 * with more than a warning, not withdrawn, within their publication period. One statement per page of
 * profiles; the registry does not import enforcement (the field lives here).
 */
@Resolver(() => InstitutionPublicProfileObject)
export class PublicPenaltiesResolver {
  constructor(
    private readonly queries: EnforcementQueries,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ResolveField(() => [PublicPenaltyObject], {
    description:
      'Published administrative penalty decisions (行政处罚信息公示) in their publication period, newest first',
  })
  async penalties(
    @Parent() profile: InstitutionPublicProfileObject,
    @Context() ctx: GqlContext,
  ): Promise<PublicPenaltyObject[]> {
    const today = businessDate(this.clock.now(), this.config.timeZone);
    const loader = ctx.loaders.get<string, PublicPenaltyObject[]>('enforcement.public-penalties', async (ids) =>
      groupByKey(
        ids,
        (await this.queries.publishedFor(ids, today)).map((p) => ({
          ...PublicPenaltyObject.from(p),
          institutionId: p.institutionId!,
        })),
        (p) => p.institutionId,
      ),
    );
    return loader.load(profile.institutionId);
  }
}

export const ENFORCEMENT_LINK_RESOLVERS = [PenaltyDecisionLinksResolver, PublicPenaltiesResolver];
