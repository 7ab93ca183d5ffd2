import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../../../platform/auth/decorators';
import { formatMoney } from '../../../platform/database/money';
import { GqlContext } from '../../../platform/graphql/context';
import { ParentContractView, ParentService } from '../parent.service';
import {
  ConfirmPrepaidLessonsInput,
  ObjectToPrepaidLessonInput,
  ParentContractArgs,
  RequestPrepaidRefundInput,
} from './parent.inputs';
import { ParentPrepaidContractObject, PrepaidObjectionReceiptObject } from './parent.objects';

const out = (v: ParentContractView): ParentPrepaidContractObject => ({
  ...v,
  lessons: v.lessons.map((l) => ({
    id: l.id,
    taughtOn: l.taughtOn,
    lessons: l.lessons,
    status: l.status,
    confirmDueOn: l.confirmDueOn,
    confirmedBy: l.confirmedBy,
    confirmedAt: l.confirmedAt,
  })),
  refunds: v.refunds.map((r) => ({
    requestedAt: r.requestedAt,
    lessonsRefunded: r.lessonsRefunded,
    amount: formatMoney(r.amountFen),
    status: r.status,
    answerDueOn: r.answerDueOn,
    executionDueOn: r.executionDueOn,
  })),
});

/**
 * The parent side (家长端): no account, the contract code and the paying phone's last 4 digits on every
 * call (ParentService: throttles, one answer for an unknown code and a wrong factor, masking, audit).
 */
@Resolver()
export class ParentResolver {
  constructor(private readonly parents: ParentService) {}

  @Public()
  @Query(() => ParentPrepaidContractObject, {
    description:
      'A prepaid contract by its code and the last 4 digits of the paying phone (家长查询), no login; throttled per address and per code.',
  })
  async parentContract(
    @Args() args: ParentContractArgs,
    @Context() ctx: GqlContext,
  ): Promise<ParentPrepaidContractObject> {
    return out(await this.parents.view(args, ctx.req.ip ?? 'unknown'));
  }

  @Public()
  @Mutation(() => ParentPrepaidContractObject, {
    description: 'The parent confirms lessons taught (家长确认课时), no login.',
  })
  async confirmPrepaidLessons(
    @Args('input', { description: 'The contract code, the phone digits and the lessons.' })
    input: ConfirmPrepaidLessonsInput,
    @Context() ctx: GqlContext,
  ): Promise<ParentPrepaidContractObject> {
    return out(await this.parents.confirm(input, ctx.req.ip ?? 'unknown'));
  }

  @Public()
  @Mutation(() => PrepaidObjectionReceiptObject, {
    description:
      'The parent objects to a lesson record (家长异议): a prepaid-fee complaint opens with the contract linked.',
  })
  async objectToPrepaidLesson(
    @Args('input', { description: 'The contract code, the phone digits, the lesson and what is wrong.' })
    input: ObjectToPrepaidLessonInput,
    @Context() ctx: GqlContext,
  ): Promise<PrepaidObjectionReceiptObject> {
    const { contract, complaintTrackingNumber } = await this.parents.object(input, ctx.req.ip ?? 'unknown');
    return { contract: out(contract), complaintTrackingNumber };
  }

  @Public()
  @Mutation(() => ParentPrepaidContractObject, {
    description:
      'The parent requests a refund of the lessons not taught (家长申请退费); the institution answers within the county period, silence approves.',
  })
  async requestPrepaidRefund(
    @Args('input', { description: 'The contract code, the phone digits and why.' }) input: RequestPrepaidRefundInput,
    @Context() ctx: GqlContext,
  ): Promise<ParentPrepaidContractObject> {
    return out(await this.parents.requestRefund(input, ctx.req.ip ?? 'unknown'));
  }
}
