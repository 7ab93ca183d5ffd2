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
  AssignableUsersArgs,
  CreateCampaignInput,
  CreateSupervisionTaskInput,
  IssueRectificationOrderInput,
  RecordFindingInput,
  RectificationOrdersArgs,
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
    description: 'Supervision tasks I may see, newest first',
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
      'without taskId, for a task being planned with departmentCode among its departments and/or townshipCode as its township. ' +
      'For who may assign: the county office, officers of the lead department.',
  })
  assignableUsers(
    @CurrentPrincipal() actor: Principal,
    @Args() args: AssignableUsersArgs,
  ): Promise<AssignableUserObject[]> {
    return this.assignees.assignableUsers(actor, args);
  }

  @ByIdQuery(() => SupervisionTaskObject, { node: () => SupervisionTask })
  async supervisionTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.tasks.get(actor, id));
  }

  @ResolveField(() => [FindingObject])
  findings(@Parent() task: SupervisionTaskObject): Promise<SupervisionFinding[]> {
    return this.rectification.findings(task.id);
  }

  @ResolveField(() => [RectificationOrderObject])
  rectificationOrders(@Parent() task: SupervisionTaskObject): Promise<RectificationOrder[]> {
    return this.rectification.orders(task.id);
  }

  @ResolveField(() => [EscalationObject], { description: 'The escalation ladder so far (督办记录)' })
  async escalations(@Parent() task: SupervisionTaskObject): Promise<EscalationObject[]> {
    return (await this.rectification.escalations(task.id)).map(toEscalationObject);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => SupervisionTaskObject, {
    description: 'Assigns a task (county office, or officers of the lead department)',
  })
  async createSupervisionTask(
    @CurrentPrincipal() actor: Principal,
    @Args('input') input: CreateSupervisionTaskInput,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.creation.create(actor, input));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, {
    description:
      'Replaces the assignees (inspectors or officers of the task’s departments, township officers of its township); see assignableUsers',
  })
  async assignTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
    @Args('assigneeIds', { type: () => [ID] }) assigneeIds: string[],
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.assign(actor, id, assigneeIds));
  }

  @Roles(...WORKERS)
  @Mutation(() => SupervisionTaskObject, { description: 'ASSIGNED or RETURNED → IN_PROGRESS' })
  async startTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.start(actor, id));
  }

  @Roles(...WORKERS)
  @Mutation(() => SupervisionTaskObject, { description: 'IN_PROGRESS → SUBMITTED (needs a finding)' })
  async submitTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.submit(actor, id));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, { description: 'SUBMITTED → ACCEPTED' })
  async acceptTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.accept(actor, id));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, { description: 'SUBMITTED → RETURNED, with the reason' })
  async returnTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
    @Args('reason') reason: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.returnTask(actor, id, reason));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, { description: 'ACCEPTED → CLOSED' })
  async closeTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.close(actor, id));
  }

  @Roles(...MANAGERS)
  @Mutation(() => SupervisionTaskObject, { description: 'Any open state → CANCELLED, with the reason' })
  async cancelTask(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
    @Args('reason') reason: string,
  ): Promise<SupervisionTaskObject> {
    return this.view(await this.lifecycle.cancel(actor, id, reason));
  }

  @Roles(...WORKERS)
  @Mutation(() => FindingObject, {
    description: 'Records checklist results, evidence references and violations on an IN_PROGRESS task',
  })
  recordFinding(
    @CurrentPrincipal() actor: Principal,
    @Args('taskId', { type: () => ID }, uuidArg('taskId')) taskId: string,
    @Args('input') input: RecordFindingInput,
  ): Promise<SupervisionFinding> {
    return this.rectification.recordFinding(actor, taskId, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => RectificationOrderObject, { description: 'Issues a rectification order (整改通知) from a finding' })
  issueRectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Args('findingId', { type: () => ID }, uuidArg('findingId')) findingId: string,
    @Args('input') input: IssueRectificationOrderInput,
  ): Promise<RectificationOrder> {
    return this.rectification.issueOrder(actor, findingId, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => RectificationOrderObject, {
    description: 'Records the rectification done and opens the re-check task (整改复查)',
  })
  completeRectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
    @Args('note') note: string,
  ): Promise<RectificationOrder> {
    return this.rectification.completeOrder(actor, id, note);
  }

  @Query(() => OrderConnection, {
    name: 'rectificationOrders',
    description: 'Rectification orders (整改通知) of the tasks I may see, newest first',
    complexity: pagedComplexity,
  })
  listRectificationOrders(
    @CurrentPrincipal() actor: Principal,
    @Args() args: RectificationOrdersArgs,
  ): Promise<Connection<RectificationOrder>> {
    return this.rectification.listOrders(actor, args.filter ?? {}, args);
  }

  @ByIdQuery(() => RectificationOrderObject, { node: () => RectificationOrder })
  rectificationOrder(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<RectificationOrder> {
    return this.rectification.getOrder(actor, id);
  }
}

@Resolver(() => FindingObject)
export class FindingResolver {
  constructor(private readonly service: RectificationService) {}

  @ResolveField(() => [ViolationObject])
  violations(@Parent() finding: FindingObject) {
    return this.service.violations(finding.id);
  }
}

@Resolver(() => RectificationOrderObject)
export class RectificationOrderResolver {
  constructor(private readonly service: RectificationService) {}

  @ResolveField(() => [EscalationObject])
  async escalations(@Parent() order: RectificationOrderObject): Promise<EscalationObject[]> {
    return (await this.service.escalations(order.id)).map(toEscalationObject);
  }

  @ResolveField(() => Boolean, { description: 'Still open past its deadline' })
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

  @Query(() => [CampaignObject], { description: 'Campaigns (专项行动)' })
  supervisionCampaigns(): Promise<SupervisionCampaign[]> {
    return this.service.listCampaigns();
  }

  @ByIdQuery(() => CampaignObject, { node: () => SupervisionCampaign })
  supervisionCampaign(
    @CurrentPrincipal() _actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
  ): Promise<SupervisionCampaign> {
    return this.service.getCampaign(id);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => CampaignObject)
  createSupervisionCampaign(
    @CurrentPrincipal() actor: Principal,
    @Args('input') input: CreateCampaignInput,
  ): Promise<SupervisionCampaign> {
    return this.service.createCampaign(actor, input);
  }

  @ResolveField(() => Int, { description: 'Tasks in the campaign I may see' })
  async taskCount(@CurrentPrincipal() actor: Principal, @Parent() campaign: CampaignObject): Promise<number> {
    return (await this.tasks.list(actor, { campaignId: campaign.id }, { first: 1 })).totalCount;
  }

  @Query(() => [ChecklistTemplateObject], { description: 'Checklist templates per task type' })
  supervisionChecklistTemplates() {
    return this.service.listTemplates();
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => ChecklistTemplateObject)
  updateChecklistTemplate(@CurrentPrincipal() actor: Principal, @Args('input') input: UpdateChecklistTemplateInput) {
    return this.service.updateTemplate(actor, input.taskType, input.items, input.defaultDueDays);
  }
}

@Resolver(() => ReportObject)
export class ReportResolver {
  constructor(private readonly reports: ReportService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR, Role.DEPARTMENT_OFFICER)
  @Query(() => ReportConnection, { description: 'Generated reports, newest first', complexity: pagedComplexity })
  async supervisionReports(
    @CurrentPrincipal() actor: Principal,
    @Args() page: PageArgs,
  ): Promise<Connection<ReportObject>> {
    const result = await this.reports.list(actor, page);
    return { ...result, edges: result.edges.map((e) => ({ cursor: e.cursor, node: toReportObject(e.node) })) };
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => ReportObject, {
    description: 'Generates a report now: period YYYY-MM (一月一调度) or YYYY-Qn (一季一总结)',
  })
  async generateSupervisionReport(
    @CurrentPrincipal() actor: Principal,
    @Args('period') period: string,
  ): Promise<ReportObject> {
    return toReportObject(await this.reports.generate(actor, period));
  }
}
