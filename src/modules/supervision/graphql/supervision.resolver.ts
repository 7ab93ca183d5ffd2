import { PlanTargetSection } from '../report-contributions';
import { PlanTargetSectionObject } from './report.objects';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Connection, PageArgs, Paginated, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { RectificationOrder } from '../entities/rectification-order.entity';
import { SupervisionFinding } from '../entities/supervision-finding.entity';
import { SupervisionCampaign } from '../entities/supervision-campaign.entity';
import { SupervisionEscalation } from '../entities/supervision-escalation.entity';
import { SupervisionReport } from '../entities/supervision-report.entity';
import { SupervisionTask } from '../entities/supervision-task.entity';
import { ReportService } from '../report.service';
import { CampaignService } from '../campaign.service';
import { RectificationService } from '../rectification.service';
import { TaskAssigneeService } from '../task-assignee.service';
import { TaskCreationService } from '../task-creation.service';
import { TaskLifecycleService } from '../task-lifecycle.service';
import { TaskReadService } from '../task-read.service';
import {
  AssignableUserObject,
  CampaignObject,
  ChecklistTemplateObject,
  EscalationObject,
  FindingObject,
  RectificationOrderObject,
  ReportObject,
  SupervisionTaskObject,
  ViolationObject,
} from './supervision.objects';
import {
  AcceptTaskInput,
  AssignTaskInput,
  AssignableUsersArgs,
  CancelTaskInput,
  CloseTaskInput,
  CompleteRectificationOrderInput,
  CreateCampaignInput,
  CreateSupervisionTaskInput,
  GenerateSupervisionReportInput,
  IssueRectificationOrderInput,
  RecordFindingInput,
  RectificationOrdersArgs,
  ReturnTaskInput,
  StartTaskInput,
  SubmitTaskInput,
  SupervisionTasksArgs,
  UpdateChecklistTemplateInput,
} from './supervision.inputs';

const TaskConnection = Paginated(SupervisionTaskObject, 'SupervisionTask');
const ReportConnection = Paginated(ReportObject, 'SupervisionReport');
const OrderConnection = Paginated(RectificationOrderObject, 'RectificationOrder');

/** Escalation records as the API shows them: who was notified, flattened to addresses. */
export function toEscalationObject(e: SupervisionEscalation): EscalationObject {
  const n = e.notified as {
    userIds?: string[];
    departmentCodes?: string[];
    townshipCodes?: string[];
    roles?: string[];
  };
  return {
    level: e.level,
    overdueDays: e.overdueDays,
    escalatedAt: e.escalatedAt,
    notified: [
      ...(n.userIds ?? []).map((v) => `USER:${v}`),
      ...(n.departmentCodes ?? []).map((v) => `DEPARTMENT:${v}`),
      ...(n.townshipCodes ?? []).map((v) => `TOWNSHIP:${v}`),
      ...(n.roles ?? []).map((v) => `ROLE:${v}`),
    ],
  };
}

export function toReportObject(r: SupervisionReport): ReportObject {
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    trigger: r.trigger,
    figures: JSON.stringify(r.figures),
    csvPath: `/api/supervision/reports/${r.id}.csv`,
    xlsxPath: `/api/supervision/reports/${r.id}.xlsx`,
    docxPath: r.documentNumber ? `/api/supervision/reports/${r.id}.docx` : null,
    specialDocxPath: r.documentNumber ? `/api/supervision/reports/${r.id}.special.docx` : null,
    version: r.version,
    documentNumber: r.documentNumber,
    targets: ((r.figures as { targets?: PlanTargetSection[] }).targets ?? []).map((s) =>
      PlanTargetSectionObject.from(s),
    ),
    generatedAt: r.generatedAt,
  };
}

/**
 * Who may manage tasks (the service then checks the lead department) and who may work on them (the
 * service then checks the assignees: inspectors, officers, township officers of the task's township).
 */
const MANAGERS = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];
const WORKERS = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSPECTOR, Role.TOWNSHIP_OFFICER];

/**
 * Supervision tasks (督导检查, 联合执法, 整改复查): thin resolvers over the task services (reading,
 * assignees, creation, lifecycle), RectificationService and CampaignService.
 */
@Resolver(() => SupervisionTaskObject)
export class SupervisionTaskResolver {
  constructor(
    private readonly tasks: TaskReadService,
    private readonly assignees: TaskAssigneeService,
    private readonly creation: TaskCreationService,
    private readonly lifecycle: TaskLifecycleService,
    private readonly rectification: RectificationService,
  ) {}

  private view = (task: SupervisionTask): SupervisionTaskObject => ({ ...task, overdue: this.tasks.isOverdue(task) });

  @Query(() => TaskConnection, {
    description: 'Supervision tasks (督导检查任务) the caller may see, newest first.',
    complexity: pagedComplexity,
  })
  async supervisionTasks(
    @CurrentPrincipal() actor: Principal,
    @Args() args: SupervisionTasksArgs,
  ): Promise<Connection<SupervisionTaskObject>> {
    const page = await this.tasks.list(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: this.view(e.node) })) };
  }

  @Roles(...MANAGERS)
  @Query(() => [AssignableUserObject], {
    description:
      'Active users who could be assigned to the task (its departments’ inspectors and officers, its township’s officers), by display name; ' +
      'without filter.taskId, for a task being planned with filter.departmentCode among its departments and/or filter.townshipCode as its township. ' +
      'For who may assign: the county office, officers of the lead department.',
  })
  assignableUsers(
    @CurrentPrincipal() actor: Principal,
    @Args() args: AssignableUsersArgs,
  ): Promise<AssignableUserObject[]> {
    return this.assignees.assignableUsers(actor, { ...args.filter, first: args.first });
  }

  @ByIdQuery(() => SupervisionTaskObject, {
    node: () => SupervisionTask,
    description: 'One supervision task by id; null when none or the caller may not see it.',
  })
  async supervisionTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the task.' }, uuidArg()) id: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.tasks.get(actor, id));
  }

  @ResolveField(() => [FindingObject], { description: 'Findings (检查结果) recorded on the task, oldest first.' })
  findings(@Parent() task: SupervisionTaskObject): Promise<SupervisionFinding[]> {
    return this.rectification.findings(task.id);
  }

  @ResolveField(() => [RectificationOrderObject], {
    description: 'Rectification orders (整改通知) issued from the task’s findings.',
  })
  rectificationOrders(@Parent() task: SupervisionTaskObject): Promise<RectificationOrder[]> {
    return this.rectification.orders(task.id);
  }

  @ResolveField(() => [EscalationObject], { description: 'The escalation ladder so far (督办记录), oldest first.' })
  async escalations(@Parent() task: SupervisionTaskObject): Promise<EscalationObject[]> {
    return (await this.rectification.escalations(task.id)).map(toEscalationObject);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => SupervisionTaskObject, {
    description:
      'Creates and assigns a supervision task (派发任务): the county office, or officers of the lead department.',
  })
  async createSupervisionTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task.' }) input: CreateSupervisionTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.creation.create(actor, input));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, {
    description:
      'Replaces the assignees (inspectors or officers of the task’s departments, township officers of its township); see assignableUsers.',
  })
  async assignTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task and its new assignees.' }) input: AssignTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.assign(actor, input.id, input.assigneeIds));
  }

  @Roles(...WORKERS)
  @Mutation(() => SupervisionTaskObject, { description: 'Starts work on a task: ASSIGNED or RETURNED → IN_PROGRESS.' })
  async startTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task to start.' }) input: StartTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.start(actor, input.id));
  }

  @Roles(...WORKERS)
  @Mutation(() => SupervisionTaskObject, {
    description: 'Submits a task for acceptance: IN_PROGRESS → SUBMITTED (needs a finding).',
  })
  async submitTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task to submit.' }) input: SubmitTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.submit(actor, input.id));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, { description: 'Accepts a submitted task (验收): SUBMITTED → ACCEPTED.' })
  async acceptTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task to accept.' }) input: AcceptTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.accept(actor, input.id));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, {
    description: 'Returns a submitted task to its assignees (退回), with the reason: SUBMITTED → RETURNED.',
  })
  async returnTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task and the reason.' }) input: ReturnTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.returnTask(actor, input.id, input.reason));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, { description: 'Closes an accepted task (办结): ACCEPTED → CLOSED.' })
  async closeTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task to close.' }) input: CloseTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.close(actor, input.id));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, {
    description: 'Cancels a task (撤销), with the reason: any open state → CANCELLED.',
  })
  async cancelTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task and the reason.' }) input: CancelTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.cancel(actor, input.id, input.reason));
  }

  @Roles(...WORKERS)
  @Mutation(() => FindingObject, {
    description:
      'Records a finding (检查结果) on an IN_PROGRESS task: checklist results, evidence references and violations (each sent to the credit module).',
  })
  recordFinding(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task and the finding.' }) input: RecordFindingInput,
  ): Promise<SupervisionFinding> {
    const { taskId, ...finding } = input;
    return this.rectification.recordFinding(actor, taskId, finding);
  }

  @Roles(...MANAGERS)
  @Mutation(() => RectificationOrderObject, {
    description:
      'Issues a rectification order (整改通知) from a finding, with a deadline; the institution is notified.',
  })
  issueRectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The finding and the order.' }) input: IssueRectificationOrderInput,
  ): Promise<RectificationOrder> {
    const { findingId, ...order } = input;
    return this.rectification.issueOrder(actor, findingId, order);
  }

  @Roles(...MANAGERS)
  @Mutation(() => RectificationOrderObject, {
    description: 'Records the rectification done (整改完成) and opens the re-check task (整改复查).',
  })
  completeRectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The order and what was done.' }) input: CompleteRectificationOrderInput,
  ): Promise<RectificationOrder> {
    return this.rectification.completeOrder(actor, input.id, input.note);
  }

  @Query(() => OrderConnection, {
    name: 'rectificationOrders',
    description: 'Rectification orders (整改通知) of the tasks the caller may see, newest first.',
    complexity: pagedComplexity,
  })
  listRectificationOrders(
    @CurrentPrincipal() actor: Principal,
    @Args() args: RectificationOrdersArgs,
  ): Promise<Connection<RectificationOrder>> {
    return this.rectification.listOrders(actor, args.filter ?? {}, args);
  }

  @ByIdQuery(() => RectificationOrderObject, {
    node: () => RectificationOrder,
    description: 'One rectification order (整改通知) by id; null when none or the caller may not see it.',
  })
  rectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the order.' }, uuidArg()) id: string,
  ): Promise<RectificationOrder> {
    return this.rectification.getOrder(actor, id);
  }
}

@Resolver(() => FindingObject)
export class FindingResolver {
  constructor(private readonly service: RectificationService) {}

  @ResolveField(() => [ViolationObject], { description: 'Violations (违规行为) recorded with the finding.' })
  violations(@Parent() finding: FindingObject) {
    return this.service.violations(finding.id);
  }
}

@Resolver(() => RectificationOrderObject)
export class RectificationOrderResolver {
  constructor(private readonly service: RectificationService) {}

  @ResolveField(() => [EscalationObject], { description: 'The escalation ladder so far (督办记录), oldest first.' })
  async escalations(@Parent() order: RectificationOrderObject): Promise<EscalationObject[]> {
    return (await this.service.escalations(order.id)).map(toEscalationObject);
  }

  @ResolveField(() => Boolean, { description: 'Still open past its deadline (逾期未整改).' })
  overdue(@Parent() order: RectificationOrderObject): boolean {
    return this.service.isOrderOverdue(order);
  }
}

@Resolver(() => CampaignObject)
export class CampaignResolver {
  constructor(
    private readonly service: CampaignService,
    private readonly tasks: TaskReadService,
  ) {}

  @Query(() => [CampaignObject], { description: 'Campaigns (专项行动), newest first.' })
  supervisionCampaigns(): Promise<SupervisionCampaign[]> {
    return this.service.listCampaigns();
  }

  @ByIdQuery(() => CampaignObject, {
    node: () => SupervisionCampaign,
    description: 'One campaign (专项行动) by id; null when none.',
  })
  supervisionCampaign(
    @CurrentPrincipal() _actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the campaign.' }, uuidArg()) id: string,
  ): Promise<SupervisionCampaign> {
    return this.service.getCampaign(id);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => CampaignObject, {
    description: 'Starts a campaign (专项行动) that tasks can belong to: the county office or department officers.',
  })
  createSupervisionCampaign(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The campaign.' }) input: CreateCampaignInput,
  ): Promise<SupervisionCampaign> {
    return this.service.createCampaign(actor, input);
  }

  @ResolveField(() => Int, { description: 'Tasks in the campaign that the caller may see.' })
  async taskCount(@CurrentPrincipal() actor: Principal, @Parent() campaign: CampaignObject): Promise<number> {
    return (await this.tasks.list(actor, { campaignId: campaign.id }, { first: 1 })).totalCount;
  }

  @Query(() => [ChecklistTemplateObject], { description: 'The checklist template (检查清单) of each task type.' })
  supervisionChecklistTemplates() {
    return this.service.listTemplates();
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => ChecklistTemplateObject, {
    description: 'Replaces a task type’s checklist and default deadline (county office); existing tasks keep theirs.',
  })
  updateChecklistTemplate(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The task type and its new template.' }) input: UpdateChecklistTemplateInput,
  ) {
    return this.service.updateTemplate(actor, input.taskType, input.items, input.defaultDueDays);
  }
}

@Resolver(() => ReportObject)
export class ReportResolver {
  constructor(private readonly reports: ReportService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR, Role.DEPARTMENT_OFFICER)
  @Query(() => ReportConnection, {
    description: 'Generated supervision reports (一月一调度, 一季一总结), newest first.',
    complexity: pagedComplexity,
  })
  async supervisionReports(
    @CurrentPrincipal() actor: Principal,
    @Args() page: PageArgs,
  ): Promise<Connection<ReportObject>> {
    const result = await this.reports.list(actor, page);
    return { ...result, edges: result.edges.map((e) => ({ cursor: e.cursor, node: toReportObject(e.node) })) };
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => ReportObject, {
    description: 'Generates a report now, for a period YYYY-MM (一月一调度) or YYYY-Qn (一季一总结) that has begun.',
  })
  async generateSupervisionReport(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The period.' }) input: GenerateSupervisionReportInput,
  ): Promise<ReportObject> {
    return toReportObject(await this.reports.generate(actor, input.period));
  }
}
