import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { COMPLAINT_HANDLERS, COMPLAINT_READERS } from '../complaints.access';
import { Clock } from '../../../platform/clock/clock';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey, groupByKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { ComplaintIntakeService } from '../complaint-intake.service';
import { ComplaintLifecycleService } from '../complaint-lifecycle.service';
import { ComplaintReadService } from '../complaint-read.service';
import { ComplaintReviewService } from '../complaint-review.service';
import { ComplaintInstitutionReplyService } from '../complaint-institution-reply.service';
import { Complaint } from '../entities/complaint.entity';
import {
  CloseComplaintInput,
  ComplaintIntakeInput,
  DecideComplaintReviewInput,
  ComplaintReplyInput,
  ComplaintsArgs,
  ExtendComplaintInput,
  InstitutionComplaintReplyInput,
  NotAcceptComplaintInput,
  ReassignComplaintInput,
  RegisterComplaintInput,
  RegisterComplaintReviewInput,
  ReopenComplaintInput,
  ReplyComplaintInput,
  RequestComplaintReviewInput,
  RequestInvestigationTaskInput,
} from './complaints.inputs';
import {
  ComplainantContactObject,
  ComplaintConnection,
  ComplaintInstitutionReplyObject,
  ComplaintObject,
  ComplaintReceiptObject,
  ComplaintTimelineEntryObject,
  PublicComplaintStatusObject,
} from './complaints.objects';

@Resolver(() => ComplaintObject)
export class ComplaintResolver {
  constructor(
    private readonly intake: ComplaintIntakeService,
    private readonly read: ComplaintReadService,
    private readonly lifecycle: ComplaintLifecycleService,
    private readonly review: ComplaintReviewService,
    private readonly institutionSide: ComplaintInstitutionReplyService,
    private readonly clock: Clock,
  ) {}

  private out = (c: Complaint): ComplaintObject => ComplaintObject.from(c, this.clock.now());

  @Public()
  @Mutation(() => ComplaintReceiptObject, {
    description: 'Submit a complaint (网上投诉), no login; keep the tracking number (查询码)',
  })
  async submitComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint.' }) input: ComplaintIntakeInput,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintReceiptObject> {
    const c = await this.intake.submit(actor, input, ctx.req.ip ?? 'unknown');
    return { trackingNumber: c.trackingNumber, receivedAt: c.receivedAt };
  }

  @Public()
  @Query(() => PublicComplaintStatusObject, {
    description: 'Progress of a complaint by tracking number (投诉进度查询), no login',
  })
  async complaintStatus(
    @Args('trackingNumber', { description: 'Tracking number (查询码) from the receipt.' }) trackingNumber: string,
    @Context() ctx: GqlContext,
  ): Promise<PublicComplaintStatusObject> {
    const s = await this.read.publicStatus(trackingNumber.slice(0, 40), ctx.req.ip ?? 'unknown');
    return { ...s, timeline: s.timeline.map(ComplaintTimelineEntryObject.from) };
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, {
    description: 'Register a complaint received by hotline, letter or visit, 12315, public opinion or grid patrol',
  })
  async registerComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and its channel.' }) input: RegisterComplaintInput,
  ): Promise<ComplaintObject> {
    const { channel, ...intake } = input;
    return this.out(await this.intake.register(actor, intake, channel));
  }

  @Roles(...COMPLAINT_READERS)
  @Query(() => ComplaintConnection, {
    description: 'Complaints (投诉/信访) in the caller’s jurisdiction, newest first',
    complexity: pagedComplexity,
  })
  async complaints(
    @CurrentPrincipal() actor: Principal,
    @Args() args: ComplaintsArgs,
  ): Promise<Connection<ComplaintObject>> {
    const { first, after, filter } = args;
    const page = await this.read.list(actor, filter ?? {}, { first, after });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: this.out(e.node) })) };
  }

  @Roles(...COMPLAINT_READERS)
  @ByIdQuery(() => ComplaintObject, {
    node: () => Complaint,
    description: 'One complaint (投诉/信访) by id; null when none or the caller may not see it.',
  })
  async complaint(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the complaint.' }, uuidArg()) id: string,
  ): Promise<ComplaintObject> {
    return this.out(await this.read.get(actor, id));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, { description: 'Accept (受理): the 60-day handling period starts' })
  async acceptComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and an optional public reply.' }) input: ComplaintReplyInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.accept(actor, input.complaintId, input.publicReply));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, { description: 'Do not accept (不予受理), telling the complainant why' })
  async notAcceptComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint, the reason and what the complainant is told.' })
    input: NotAcceptComplaintInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.notAccept(actor, input.complaintId, input.reason, input.publicReply));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, {
    description: 'Assign (交办) to the routed departments and township; they are notified',
  })
  async assignComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and an optional public reply.' }) input: ComplaintReplyInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.assign(actor, input.complaintId, input.publicReply));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, {
    description: 'Change the lead and co-operating departments (改派), with a reason',
  })
  async reassignComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint, its new departments and the reason.' }) input: ReassignComplaintInput,
  ): Promise<ComplaintObject> {
    return this.out(
      await this.lifecycle.reassign(
        actor,
        input.complaintId,
        input.leadDepartmentCode,
        input.coDepartmentCodes,
        input.reason,
      ),
    );
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, { description: 'Start investigating (调查核实)' })
  async startComplaintInvestigation(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and an optional public reply.' }) input: ComplaintReplyInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.startInvestigation(actor, input.complaintId, input.publicReply));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, { description: 'Reply to the complainant (答复)' })
  async replyToComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint, the reply and the findings.' }) input: ReplyComplaintInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.reply(actor, input.complaintId, input.publicReply, input.findings));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, {
    description: 'Extend the handling deadline once, by at most 30 days, with a reason (延期)',
  })
  async extendComplaintDeadline(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint, the days and the reason.' }) input: ExtendComplaintInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.extend(actor, input.complaintId, input.days, input.reason));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, { description: 'Close (办结) with the return visit (满意度回访)' })
  async closeComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and how it closes.' }) input: CloseComplaintInput,
  ): Promise<ComplaintObject> {
    const { complaintId, ...cmd } = input;
    return this.out(await this.lifecycle.close(actor, complaintId, cmd));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, {
    description: 'Reopen a closed complaint (e.g. 不满意): a new 60-day handling period',
  })
  async reopenComplaint(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and the reason.' }) input: ReopenComplaintInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.reopen(actor, input.complaintId, input.reason, input.publicReply));
  }

  @Public()
  @Mutation(() => PublicComplaintStatusObject, {
    description:
      'Ask for a review (复查) of the reply, with the tracking number, no login: once, within 30 days of the reply; decided within 30 days',
  })
  async requestComplaintReview(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The tracking number and the reason.' }) input: RequestComplaintReviewInput,
    @Context() ctx: GqlContext,
  ): Promise<PublicComplaintStatusObject> {
    const s = await this.review.requestReview(actor, input.trackingNumber, input.reason, ctx.req.ip ?? 'unknown');
    return { ...s, timeline: s.timeline.map(ComplaintTimelineEntryObject.from) };
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, {
    description:
      'Register a review request received by letter or visit (EDU, PETITIONS, the lead department, the county office)',
  })
  async registerComplaintReview(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and the reason.' }) input: RegisterComplaintReviewInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.review.registerReview(actor, input.complaintId, input.reason));
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => ComplaintObject, {
    description:
      'Decide a review (复查意见), county office: UPHELD closes it, OVERTURNED sends it back with a new 60-day handling period',
  })
  async decideComplaintReview(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint, the decision and the opinion.' }) input: DecideComplaintReviewInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.review.decideReview(actor, input.complaintId, input.decision, input.opinion));
  }

  @Roles(Role.INSTITUTION_ADMIN)
  @Mutation(() => ComplaintObject, {
    description:
      'The institution’s reply (机构说明) to an open complaint about it, by its administrator: kept for the handling ' +
      'officers (notified), audited; not on the public timeline, no status change',
  })
  async replyToComplaintAsInstitution(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and the reply.' }) input: InstitutionComplaintReplyInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.institutionSide.reply(actor, input.complaintId, input.text));
  }

  @Roles(...COMPLAINT_HANDLERS)
  @Mutation(() => ComplaintObject, { description: 'Ask supervision for an investigation task (督导检查)' })
  async requestComplaintInvestigationTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint and a note for the inspectors.' })
    input: RequestInvestigationTaskInput,
  ): Promise<ComplaintObject> {
    return this.out(await this.lifecycle.requestInvestigationTask(actor, input.complaintId, input.note));
  }

  @ResolveField(() => ComplainantContactObject, {
    nullable: true,
    description: 'Masked unless the caller is an officer of an assigned department (every clear view is audited)',
  })
  contact(
    @CurrentPrincipal() actor: Principal,
    @Parent() parent: ComplaintObject,
  ): Promise<ComplainantContactObject | null> {
    return this.read.contact(actor, parent.entity);
  }

  @ResolveField(() => [ComplaintTimelineEntryObject], {
    description: 'The public timeline, as the complainant sees it',
  })
  async timeline(
    @Parent() parent: ComplaintObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintTimelineEntryObject[]> {
    const loader = ctx.loaders.get<string, ComplaintTimelineEntryObject[]>('complaints.timeline', async (ids) =>
      groupByKey(ids, await this.read.timelines(ids), (e) => e.complaintId).map((list) =>
        list.map(ComplaintTimelineEntryObject.from),
      ),
    );
    return loader.load(parent.id);
  }

  @ResolveField(() => [ComplaintInstitutionReplyObject], {
    description: 'What the institution replied (机构说明), oldest first; not shown to the complainant',
  })
  async institutionReplies(
    @Parent() parent: ComplaintObject,
    @Context() ctx: GqlContext,
  ): Promise<ComplaintInstitutionReplyObject[]> {
    const loader = ctx.loaders.get<string, ComplaintInstitutionReplyObject[]>(
      'complaints.institution-replies',
      async (ids) =>
        groupByKey(ids, await this.read.institutionReplies(ids), (r) => r.complaintId).map((list) =>
          list.map(ComplaintInstitutionReplyObject.from),
        ),
    );
    return loader.load(parent.id);
  }

  @ResolveField(() => Int, { description: 'Complaints linked to this one as duplicates (重复投诉数)' })
  async duplicateCount(@Parent() parent: ComplaintObject, @Context() ctx: GqlContext): Promise<number> {
    const loader = ctx.loaders.get<string, number>('complaints.duplicate-count', async (ids) => {
      const counts = await this.read.duplicateCounts(ids);
      return byKey(
        ids,
        ids.map((id) => ({ id, n: counts.get(id) ?? 0 })),
        (r) => r.id,
      ).map((r) => r?.n ?? 0);
    });
    return loader.load(parent.id);
  }
}
