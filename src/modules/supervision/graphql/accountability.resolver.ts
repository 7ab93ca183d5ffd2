import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { groupByKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Connection, Paginated, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { AccountabilityReadService } from '../accountability/accountability-read.service';
import { AccountabilityQueries } from '../accountability/accountability.queries';
import { AccountabilityService } from '../accountability/accountability.service';
import { AccountabilityCaseItem } from '../entities/accountability-case-item.entity';
import { AccountabilityCase } from '../entities/accountability-case.entity';
import {
  AccountabilityCasesArgs,
  RecordAccountabilityDecisionInput,
  RecordAccountabilityStatementInput,
} from './accountability.inputs';
import { AccountabilityCaseItemObject, AccountabilityCaseObject } from './accountability.objects';

const CaseConnection = Paginated(AccountabilityCaseObject, 'AccountabilityCase');

/**
 * Who reads cases (the service then scopes them: the county office, discipline supervisors, the inspection
 * office and the discipline commission all; a department's or township's officers the cases against it).
 */
const READERS = [Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR, Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER];

/** Accountability cases (问责): thin resolvers over AccountabilityReadService and AccountabilityService. */
@Resolver(() => AccountabilityCaseObject)
export class AccountabilityResolver {
  constructor(
    private readonly reads: AccountabilityReadService,
    private readonly cases: AccountabilityService,
    private readonly queries: AccountabilityQueries,
  ) {}

  @Roles(...READERS)
  @Query(() => CaseConnection, {
    description: 'Accountability cases (问责案件) the caller may see, newest first.',
    complexity: pagedComplexity,
  })
  accountabilityCases(
    @CurrentPrincipal() actor: Principal,
    @Args() args: AccountabilityCasesArgs,
  ): Promise<Connection<AccountabilityCaseObject>> {
    return this.reads.list(actor, args.filter ?? {}, args);
  }

  @Roles(...READERS)
  @ByIdQuery(() => AccountabilityCaseObject, {
    node: () => AccountabilityCase,
    description: 'One accountability case (问责案件) by id; null when none or the caller may not see it.',
  })
  accountabilityCase(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the case.' }, uuidArg()) id: string,
  ): Promise<AccountabilityCaseObject> {
    return this.reads.get(actor, id);
  }

  @ResolveField(() => [AccountabilityCaseItemObject], {
    description: 'The overdue items (逾期事项) behind the case, by due date.',
  })
  items(@Parent() c: AccountabilityCaseObject, @Context() ctx: GqlContext): Promise<AccountabilityCaseItem[]> {
    return ctx.loaders
      .get('supervision.accountability-items', async (ids: readonly string[]) =>
        groupByKey(ids, await this.queries.itemsOfCases(ids), (i) => i.caseId),
      )
      .load(c.id);
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER)
  @Mutation(() => AccountabilityCaseObject, {
    description:
      'Gives the statement (情况说明) of the party held to account: OPEN → STATEMENT_RECEIVED; officers of that department or township.',
  })
  async recordAccountabilityStatement(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The case and the statement.' }) input: RecordAccountabilityStatementInput,
  ): Promise<AccountabilityCaseObject> {
    return this.reads.view(await this.cases.recordStatement(actor, input.id, input.statement));
  }

  @Roles(Role.DISCIPLINE_SUPERVISOR)
  @Mutation(() => AccountabilityCaseObject, {
    description:
      'Records the decision (处理决定) on a case — 约谈, 通报批评, 问责 with its level, or no action — with its reasons: → DECIDED. ' +
      'A case still OPEN is decided only after its statement deadline.',
  })
  async recordAccountabilityDecision(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The case and the decision.' }) input: RecordAccountabilityDecisionInput,
  ): Promise<AccountabilityCaseObject> {
    const { id, ...decision } = input;
    return this.reads.view(await this.cases.recordDecision(actor, id, decision));
  }
}
