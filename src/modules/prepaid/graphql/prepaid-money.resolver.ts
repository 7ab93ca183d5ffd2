import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { formatMoney } from '../../../platform/database/money';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { PrepaidRefund } from '../entities/prepaid-refund.entity';
import { PrepaidRelease } from '../entities/prepaid-release.entity';
import { PrepaidMoneyQueries } from '../prepaid-money.queries';
import { RefundService } from '../refund.service';
import {
  AnswerPrepaidRefundInput,
  PrepaidRefundsArgs,
  PrepaidReleasesArgs,
  RegisterPrepaidRefundInput,
} from './prepaid-money.inputs';
import {
  PrepaidRefundConnection,
  PrepaidRefundObject,
  PrepaidReleaseConnection,
  PrepaidReleaseObject,
} from './prepaid-money.objects';

/** Regulators read everything in their jurisdiction; an institution its own rows. */
const READERS = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
  Role.INSTITUTION_ADMIN,
];

const refundObject = (r: PrepaidRefund): PrepaidRefundObject => ({ ...r, amount: formatMoney(r.amountFen) });
const releaseObject = (r: PrepaidRelease): PrepaidReleaseObject => ({ ...r, amount: formatMoney(r.amountFen) });
const map = <E, O>(c: Connection<E>, f: (e: E) => O): Connection<O> => ({
  ...c,
  edges: c.edges.map((e) => ({ cursor: e.cursor, node: f(e.node) })),
});

@Resolver()
export class PrepaidMoneyResolver {
  constructor(
    private readonly queries: PrepaidMoneyQueries,
    private readonly refunds: RefundService,
  ) {}

  @Roles(...READERS)
  @Query(() => PrepaidRefundConnection, {
    description: 'Prepaid refund cases (退费) in scope, newest first.',
    complexity: pagedComplexity,
  })
  async prepaidRefunds(
    @CurrentPrincipal() actor: Principal,
    @Args() args: PrepaidRefundsArgs,
  ): Promise<Connection<PrepaidRefundObject>> {
    return map(await this.queries.refunds(actor, args.filter ?? {}, args), refundObject);
  }

  @Roles(...READERS)
  @Query(() => PrepaidReleaseConnection, {
    description: 'Releases of prepaid custody earned by confirmed lessons (一课一消) in scope, newest first.',
    complexity: pagedComplexity,
  })
  async prepaidReleases(
    @CurrentPrincipal() actor: Principal,
    @Args() args: PrepaidReleasesArgs,
  ): Promise<Connection<PrepaidReleaseObject>> {
    return map(await this.queries.releases(actor, args.filter ?? {}, args), releaseObject);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => PrepaidRefundObject, {
    description:
      "Registers a parent's refund request received by letter or visit (county office, EDU officers): the lessons not taught, at the contract price. Refused with CONTRACT_NOT_REFUNDABLE, REFUND_OPEN or NOTHING_TO_REFUND.",
  })
  async registerPrepaidRefund(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The contract and how the request arrived.' }) input: RegisterPrepaidRefundInput,
  ): Promise<PrepaidRefundObject> {
    return refundObject(await this.refunds.register(actor, input));
  }

  @Roles(Role.INSTITUTION_ADMIN)
  @Mutation(() => PrepaidRefundObject, {
    description:
      "The institution's answer to a refund request, before its answer due date: approve (a REFUND instruction follows) or dispute (a complaint follows). REFUND_ALREADY_ANSWERED once answered or approved by silence.",
  })
  async answerPrepaidRefund(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The refund case and the answer.' }) input: AnswerPrepaidRefundInput,
  ): Promise<PrepaidRefundObject> {
    return refundObject(await this.refunds.answer(actor, input));
  }
}
