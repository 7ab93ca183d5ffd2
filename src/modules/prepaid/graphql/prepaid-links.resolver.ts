import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal, hasRole } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { Loaders, loadLink, loadLinks } from '../../../platform/graphql/loaders';
import { ComplaintObject, ComplaintsFacade } from '../../complaints';
import { AccountNode, BankInstructionObject, EscrowAccountObject, EscrowFacade } from '../../escrow';
import { CourseObject, InstitutionObject, RegistryFacade } from '../../registry';
import { READER_ROLES } from '../prepaid.access';
import { PrepaidQueries } from '../prepaid.queries';
import { PrepaidRefundObject, PrepaidReleaseObject } from './prepaid-money.objects';
import { PrepaidMappers } from './prepaid.mappers';
import { PrepaidContractObject, PrepaidLessonObject } from './prepaid.objects';

const INSTITUTION = 'The institution (校外培训机构) of `institutionId`; null when the caller may not read it';
const CONTRACT = 'The contract (预付费合同) of `contractId`; null when the caller may not read it';
const CONTRACTS =
  'The contracts (预付费合同) of `contractIds`, in that order; a contract the caller may not read is left out';
const INSTRUCTION =
  'The bank instruction (银行指令) of `instructionId`; null when none yet or the caller may not read its account';
const ACCOUNT = 'The escrow account (监管账户) of `accountId`; null when the caller may not read it';

/**
 * The links to a contract: the `PrepaidContract` that `prepaidContract(id:)` gives the caller (its roles and
 * scope, in SQL), through one per-request loader: one statement per page.
 */
abstract class ContractLinks {
  constructor(
    protected readonly queries: PrepaidQueries,
    protected readonly mappers: PrepaidMappers,
  ) {}

  private batch(actor: Principal) {
    return async (ids: readonly string[]): Promise<PrepaidContractObject[]> =>
      hasRole(actor, ...READER_ROLES)
        ? (await this.queries.contractsByIds(actor, ids)).map((c) => this.mappers.contract(c))
        : [];
  }

  protected contractOf(loaders: Loaders, actor: Principal, id: string): Promise<PrepaidContractObject | null> {
    return loadLink(loaders, 'prepaid.contract-link', id, this.batch(actor));
  }

  protected contractsOf(
    loaders: Loaders,
    actor: Principal,
    ids: readonly string[] | null,
  ): Promise<PrepaidContractObject[]> {
    return loadLinks(loaders, 'prepaid.contract-link', ids, this.batch(actor));
  }
}

/** The contract's institution, escrow account and course as objects (one scoped statement per page each). */
@Resolver(() => PrepaidContractObject)
export class PrepaidContractLinksResolver {
  constructor(
    private readonly registry: RegistryFacade,
    private readonly escrow: EscrowFacade,
  ) {}

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() contract: PrepaidContractObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, contract.institutionId);
  }

  @ResolveField(() => EscrowAccountObject, {
    nullable: true,
    description: 'The escrow account (监管账户) of `escrowAccountId`; null when none or the caller may not read it',
  })
  escrowAccount(
    @CurrentPrincipal() actor: Principal,
    @Parent() contract: PrepaidContractObject,
    @Context() ctx: GqlContext,
  ): Promise<AccountNode | null> {
    return this.escrow.accountLink(ctx.loaders, actor, contract.escrowAccountId);
  }

  @ResolveField(() => CourseObject, {
    nullable: true,
    description: 'The course (课程) of `courseId`; null when the caller may not read its institution',
  })
  course(
    @CurrentPrincipal() actor: Principal,
    @Parent() contract: PrepaidContractObject,
    @Context() ctx: GqlContext,
  ): Promise<CourseObject | null> {
    return this.registry.courseLink(ctx.loaders, actor, contract.courseId);
  }
}

/** The lesson's contract and the complaint of its objection as objects. */
@Resolver(() => PrepaidLessonObject)
export class PrepaidLessonLinksResolver extends ContractLinks {
  constructor(
    queries: PrepaidQueries,
    mappers: PrepaidMappers,
    private readonly complaints: ComplaintsFacade,
  ) {
    super(queries, mappers);
  }

  @ResolveField(() => PrepaidContractObject, { nullable: true, description: CONTRACT })
  contract(
    @CurrentPrincipal() actor: Principal,
    @Parent() lesson: PrepaidLessonObject,
    @Context() ctx: GqlContext,
  ): Promise<PrepaidContractObject | null> {
    return this.contractOf(ctx.loaders, actor, lesson.contractId);
  }

  @ResolveField(() => ComplaintObject, {
    nullable: true,
    description:
      'The complaint (投诉) of `objectionComplaintId` opened by the parent’s objection; null when none or the caller may not read it',
  })
  objectionComplaint(
    @CurrentPrincipal() actor: Principal,
    @Parent() lesson: PrepaidLessonObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintObject | null> {
    return this.complaints.complaintLink(ctx.loaders, actor, lesson.objectionComplaintId);
  }
}

/** The refund's contract, institution, complaint and bank instruction as objects, each one scoped statement per page. */
@Resolver(() => PrepaidRefundObject)
export class PrepaidRefundLinksResolver extends ContractLinks {
  constructor(
    queries: PrepaidQueries,
    mappers: PrepaidMappers,
    private readonly registry: RegistryFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly escrow: EscrowFacade,
  ) {
    super(queries, mappers);
  }

  @ResolveField(() => PrepaidContractObject, { nullable: true, description: CONTRACT })
  contract(
    @CurrentPrincipal() actor: Principal,
    @Parent() refund: PrepaidRefundObject,
    @Context() ctx: GqlContext,
  ): Promise<PrepaidContractObject | null> {
    return this.contractOf(ctx.loaders, actor, refund.contractId);
  }

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() refund: PrepaidRefundObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, refund.institutionId);
  }

  @ResolveField(() => ComplaintObject, {
    nullable: true,
    description:
      'The complaint (投诉) of `complaintId` behind the refund; null when none or the caller may not read it',
  })
  complaint(
    @CurrentPrincipal() actor: Principal,
    @Parent() refund: PrepaidRefundObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintObject | null> {
    return this.complaints.complaintLink(ctx.loaders, actor, refund.complaintId);
  }

  @ResolveField(() => BankInstructionObject, { nullable: true, description: INSTRUCTION })
  instruction(
    @CurrentPrincipal() actor: Principal,
    @Parent() refund: PrepaidRefundObject,
    @Context() ctx: GqlContext,
  ): Promise<BankInstructionObject | null> {
    return this.escrow.instructionLink(ctx.loaders, actor, refund.instructionId);
  }
}

/** The release's institution, account, contracts and bank instruction as objects, each one scoped statement per page. */
@Resolver(() => PrepaidReleaseObject)
export class PrepaidReleaseLinksResolver extends ContractLinks {
  constructor(
    queries: PrepaidQueries,
    mappers: PrepaidMappers,
    private readonly registry: RegistryFacade,
    private readonly escrow: EscrowFacade,
  ) {
    super(queries, mappers);
  }

  @ResolveField(() => InstitutionObject, { nullable: true, description: INSTITUTION })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() release: PrepaidReleaseObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, release.institutionId);
  }

  @ResolveField(() => EscrowAccountObject, { nullable: true, description: ACCOUNT })
  account(
    @CurrentPrincipal() actor: Principal,
    @Parent() release: PrepaidReleaseObject,
    @Context() ctx: GqlContext,
  ): Promise<AccountNode | null> {
    return this.escrow.accountLink(ctx.loaders, actor, release.accountId);
  }

  @ResolveField(() => [PrepaidContractObject], { description: CONTRACTS })
  contracts(
    @CurrentPrincipal() actor: Principal,
    @Parent() release: PrepaidReleaseObject,
    @Context() ctx: GqlContext,
  ): Promise<PrepaidContractObject[]> {
    return this.contractsOf(ctx.loaders, actor, release.contractIds);
  }

  @ResolveField(() => BankInstructionObject, { nullable: true, description: INSTRUCTION })
  instruction(
    @CurrentPrincipal() actor: Principal,
    @Parent() release: PrepaidReleaseObject,
    @Context() ctx: GqlContext,
  ): Promise<BankInstructionObject | null> {
    return this.escrow.instructionLink(ctx.loaders, actor, release.instructionId);
  }
}

/**
 * A bank instruction's contracts as objects. The instruction type is the escrow module's; its contracts
 * are linked here, in the module that owns contracts (prepaid depends on escrow, not the reverse).
 */
@Resolver(() => BankInstructionObject)
export class BankInstructionContractLinksResolver extends ContractLinks {
  // Its own constructor: Nest reads the injected types from this class's metadata, not the base class's.
  constructor(queries: PrepaidQueries, mappers: PrepaidMappers) {
    super(queries, mappers);
  }

  @ResolveField(() => [PrepaidContractObject], {
    description:
      'The contracts (预付费合同) of `contractIds` (a refund or release), in that order; empty when none, and a contract the caller may not read is left out',
  })
  contracts(
    @CurrentPrincipal() actor: Principal,
    @Parent() instruction: BankInstructionObject,
    @Context() ctx: GqlContext,
  ): Promise<PrepaidContractObject[]> {
    return this.contractsOf(ctx.loaders, actor, instruction.contractIds);
  }
}

export const PREPAID_LINK_RESOLVERS = [
  PrepaidContractLinksResolver,
  PrepaidLessonLinksResolver,
  PrepaidRefundLinksResolver,
  PrepaidReleaseLinksResolver,
  BankInstructionContractLinksResolver,
];
