import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey, groupByKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Institution } from '../entities/institution.entity';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { ReferenceFacade, TownshipObject } from '../../reference';
import { InstitutionLifecycleService } from '../institution-lifecycle.service';
import { InstitutionRegistrationService } from '../institution-registration.service';
import { AnnualReviewService } from '../annual-review.service';
import { CourseService } from '../course.service';
import { MaterialService } from '../material.service';
import { PremisesService } from '../premises.service';
import { PublicProfileService } from '../public-profile.service';
import { StaffService } from '../staff.service';
import { RegistryQueries } from '../registry.queries';
import { COMMAND_ROLES, INSTITUTION_READ_ROLES } from '../registry.access';
import {
  ApplyForLicenceInput,
  ApproveInstitutionInput,
  ConvertToNonSubjectInput,
  InstitutionCommandInput,
  InstitutionsArgs,
  PublicInstitutionSearchArgs,
  RegisterExistingInstitutionInput,
  UpdateInstitutionInput,
} from './registry.inputs';
import {
  AnnualReviewObject,
  CourseObject,
  InstitutionConnection,
  InstitutionObject,
  InstitutionPublicProfileObject,
  PremisesObject,
  StaffObject,
  TrainingMaterialObject,
} from './registry.objects';

@Resolver(() => InstitutionObject)
export class InstitutionResolver {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly registration: InstitutionRegistrationService,
    private readonly lifecycle: InstitutionLifecycleService,
    private readonly publicProfiles: PublicProfileService,
    private readonly premisesService: PremisesService,
    private readonly staffService: StaffService,
    private readonly courseService: CourseService,
    private readonly materialService: MaterialService,
    private readonly reviewService: AnnualReviewService,
    private readonly reference: ReferenceFacade,
  ) {}

  @Roles(...INSTITUTION_READ_ROLES)
  @Query(() => InstitutionConnection, {
    description:
      'Institutions (校外培训机构) the caller may see, by name; a township officer sees their township, an institution administrator its own.',
    complexity: pagedComplexity,
  })
  async institutions(
    @CurrentPrincipal() actor: Principal,
    @Args() args: InstitutionsArgs,
  ): Promise<Connection<InstitutionObject>> {
    const page = await this.queries.institutions(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: InstitutionObject.from(e.node) })) };
  }

  @Roles(...INSTITUTION_READ_ROLES)
  @ByIdQuery(() => InstitutionObject, {
    node: () => Institution,
    description: 'An institution the caller may see, with premises, staff, courses and reviews.',
  })
  async institution(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the institution.' }, uuidArg()) id: string,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.queries.institution(actor, id));
  }

  @Public()
  @Query(() => InstitutionPublicProfileObject, {
    description: 'Public profile of a licensed institution (机构公示), by credit code; no login.',
  })
  institutionPublicProfile(
    @Args('creditCode', { description: 'Unified social credit code (统一社会信用代码) of the institution.' })
    creditCode: string,
  ): Promise<InstitutionPublicProfileObject> {
    return this.publicProfiles.publicProfile(creditCode);
  }

  @Public()
  @Query(() => [InstitutionPublicProfileObject], {
    description:
      'Public search of licensed institutions by part of the name (机构查询), optionally in one township; no login. ' +
      'Shows institutions approved, operating or suspended, and those deregistered or revoked (so parents see one was shut down); ' +
      'at most 20, rate-limited per client address.',
  })
  searchInstitutionsPublic(
    @Args() args: PublicInstitutionSearchArgs,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionPublicProfileObject[]> {
    return this.publicProfiles.searchPublic(
      args.filter.name,
      args.filter.townshipCode,
      args.first ?? 10,
      ctx.req.ip ?? 'unknown',
    );
  }

  @ResolveField(() => TownshipObject, { description: 'The township (乡镇/街道) the institution is registered in.' })
  township(@Parent() i: InstitutionObject, @Context() ctx: GqlContext) {
    // The same loader name as the reference module's School.township: one query per request for both.
    return ctx.loaders
      .get('reference.townshipByCode', async (codes: readonly string[]) =>
        byKey(codes, await this.reference.townshipsByCodes(codes), (t) => t.code),
      )
      .load(i.townshipCode);
  }

  // Nested lists: the parent was already scoped, so they load by institution id in one batch per request.
  @ResolveField(() => [PremisesObject], { complexity: 5, description: 'Its premises (办学场所) with their checks.' })
  premises(@Parent() i: InstitutionObject, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get<string, PremisesObject[]>('registry.premises', async (ids) =>
        groupByKey(ids, await this.premisesService.premisesOf(ids), (p) => p.institutionId),
      )
      .load(i.id);
  }

  @ResolveField(() => [StaffObject], { complexity: 5, description: 'Its staff (从业人员), ID numbers masked.' })
  staff(@Parent() i: InstitutionObject, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StaffObject[]>('registry.staff', async (ids) =>
        groupByKey(ids, (await this.staffService.staffOf(ids)).map(StaffObject.from), (s) => s.institutionId),
      )
      .load(i.id);
  }

  @ResolveField(() => [CourseObject], { complexity: 5, description: 'Its courses (课程) with their schedules.' })
  courses(@Parent() i: InstitutionObject, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get<string, CourseObject[]>('registry.courses', async (ids) =>
        groupByKey(ids, (await this.courseService.coursesOf(ids)).map(CourseObject.from), (c) => c.institutionId),
      )
      .load(i.id);
  }

  @ResolveField(() => [TrainingMaterialObject], {
    complexity: 5,
    description: 'Training materials and enrolment ads with their review (培训材料/招生广告审核).',
  })
  materials(@Parent() i: InstitutionObject, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get<string, TrainingMaterialObject[]>('registry.materials', async (ids) =>
        groupByKey(ids, await this.materialService.materialsOf(ids), (m) => m.institutionId),
      )
      .load(i.id);
  }

  @ResolveField(() => [AnnualReviewObject], {
    complexity: 5,
    description: 'Annual reviews (年审年检), latest year first.',
  })
  annualReviews(@Parent() i: InstitutionObject, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get<string, AnnualReviewObject[]>('registry.reviews', async (ids) =>
        groupByKey(ids, (await this.reviewService.reviewsOf(ids)).map(AnnualReviewObject.from), (r) => r.institutionId),
      )
      .load(i.id);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Apply for a school-running licence (申请办学许可): a new NON_SUBJECT institution, APPLIED.',
  })
  async applyForLicence(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution applying and why.' }) input: ApplyForLicenceInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.registration.applyForLicence(actor, input.institution, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Enter an already licensed institution (existing register, subject ones included) as OPERATING.',
  })
  async registerExistingInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, its licence and why.' }) input: RegisterExistingInstitutionInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(
      await this.registration.registerExisting(actor, input.institution, input.licence, input.reason),
    );
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Approve an application (APPLIED → APPROVED), issuing the school-running licence (办学许可证).',
  })
  async approveInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The application and the licence issued.' }) input: ApproveInstitutionInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.approve(actor, input.id, input.licence, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, { description: 'Reject an application (APPLIED → REJECTED).' })
  async rejectInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.reject(actor, input.id, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Start operating (APPROVED → OPERATING); needs premises whose fire acceptance (消防验收) passed.',
  })
  async startOperating(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.startOperating(actor, input.id, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, { description: 'Suspend for rectification (停业整顿): OPERATING → SUSPENDED.' })
  async suspendInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.suspend(actor, input.id, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, { description: 'Resume operating after a suspension (SUSPENDED → OPERATING).' })
  async resumeInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.resume(actor, input.id, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Deregister an institution (注销): APPROVED / OPERATING / SUSPENDED → DEREGISTERED.',
  })
  async deregisterInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.deregister(actor, input.id, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Revoke the licence (吊销办学许可证): APPROVED / OPERATING / SUSPENDED → REVOKED.',
  })
  async revokeLicence(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.revoke(actor, input.id, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description:
      'Change registered details (变更登记): name, address, grid (of its township), legal representative, contact phone, party-building coverage or competent department, with a reason; not its township, category, legal form, credit code or status. An input that changes nothing answers the institution unchanged.',
  })
  async updateInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, the changes and why.' }) input: UpdateInstitutionInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(
      await this.registration.updateInstitution(actor, input.id, input.changes, input.reason),
    );
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Reduction (压减): a subject institution becomes non-subject (its subject courses must have ended).',
  })
  async convertToNonSubject(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, its new kind and why.' }) input: ConvertToNonSubjectInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(
      await this.lifecycle.convertToNonSubject(
        actor,
        input.id,
        input.nonSubjectKind,
        input.competentDepartmentCode,
        input.reason,
      ),
    );
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => InstitutionObject, {
    description: 'Reduction (压减): a for-profit subject institution re-registers as non-profit (营改非).',
  })
  async convertToNonProfit(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and why.' }) input: InstitutionCommandInput,
  ): Promise<InstitutionObject> {
    return InstitutionObject.from(await this.lifecycle.convertToNonProfit(actor, input.id, input.reason));
  }
}
