import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { RegistryFacade } from '../../registry';
import { TaskService } from '../task.service';
import { TargetKind, TaskType } from '../supervision.enums';

const ACTION_NAMES = { FREEZE: '冻结', UNFREEZE: '解冻', RELEASE: '划转', REFUND: '退费' } as const;

/**
 * Tasks other modules' events call for, one per source (the source reference is unique, and each
 * subscriber runs once per event anyway). Auto-created tasks have no assignees yet: the lead department
 * is notified and assigns inspectors (assignTask); the due date is the task type's default.
 */
@Injectable()
export class TaskSourcesSubscriber {
  constructor(
    private readonly supervision: TaskService,
    private readonly registry: RegistryFacade,
  ) {}

  /** 资金预警核查: EDU leads, FINANCIAL_OFFICE co-operates. */
  @OnEvent('escrow.alert.raised', { name: 'supervision.open-escrow-alert-task' })
  async onEscrowAlert(event: DomainEvent<'escrow.alert.raised'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    const institution = await this.registry.findInstitution({ id: p.institutionId });
    await this.supervision.createFromSource(em, {
      sourceRef: `escrow_alert:${p.alertId}`,
      type: TaskType.ESCROW_ALERT_FOLLOW_UP,
      title: `资金监管预警核查（${p.type}）：${institution?.name ?? p.institutionId}`,
      description: `Escrow alert ${p.type}${p.accountNo ? ` on account ${p.accountNo}` : ''}${p.bankCode ? ` (${p.bankCode})` : ''}: ${JSON.stringify(p.details)}`,
      targetKind: TargetKind.ESCROW_ALERT,
      targetId: p.alertId,
      institutionId: p.institutionId,
      townshipCode: institution?.townshipCode ?? null,
      leadDepartmentCode: 'EDU',
      cooperatingDepartmentCodes: ['FINANCIAL_OFFICE'],
    });
  }

  /** A bank left an instruction (freeze, unfreeze, release, refund) unacknowledged: 金融办 follows it up with the bank. */
  @OnEvent('escrow.instruction.unacknowledged', { name: 'supervision.open-instruction-task' })
  async onUnacknowledged(event: DomainEvent<'escrow.instruction.unacknowledged'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    const institution = await this.registry.findInstitution({ id: p.institutionId });
    await this.supervision.createFromSource(em, {
      sourceRef: `escrow_instruction:${p.instructionId}`,
      type: TaskType.ESCROW_ALERT_FOLLOW_UP,
      title: `银行未确认${ACTION_NAMES[p.action]}指令：${institution?.name ?? p.institutionId}`,
      description: `Bank ${p.bankCode} has not acknowledged the ${p.action} instruction ${p.instructionId} issued ${p.issuedAt}: ${p.reason}`,
      targetKind: TargetKind.INSTITUTION,
      targetId: p.institutionId,
      institutionId: p.institutionId,
      townshipCode: institution?.townshipCode ?? null,
      leadDepartmentCode: 'FINANCIAL_OFFICE',
      cooperatingDepartmentCodes: [],
    });
  }

  @OnEvent('registry.unlicensed_lead.opened', { name: 'supervision.open-unlicensed-site-task' })
  async onUnlicensedLead(event: DomainEvent<'registry.unlicensed_lead.opened'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.supervision.createFromSource(em, {
      sourceRef: `unlicensed_lead:${p.leadId}`,
      type: TaskType.UNLICENSED_SITE_INVESTIGATION,
      title: `无证/变异培训排查（${p.kind}）`,
      description: `Unlicensed-operation lead ${p.leadId} from ${p.source}`,
      targetKind: TargetKind.UNLICENSED_LEAD,
      targetId: p.leadId,
      institutionId: null,
      townshipCode: p.townshipCode,
      leadDepartmentCode: 'EDU',
      cooperatingDepartmentCodes: ['TOWNSHIP'],
    });
  }

  /** A failed annual review is re-checked by the institution's competent department. */
  @OnEvent('registry.annual_review.completed', { name: 'supervision.open-annual-review-recheck' })
  async onAnnualReview(event: DomainEvent<'registry.annual_review.completed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    if (p.result !== 'FAIL') return;
    const institution = await this.registry.findInstitution({ id: p.institutionId });
    await this.supervision.createFromSource(em, {
      sourceRef: `annual_review:${p.institutionId}:${p.year}`,
      type: TaskType.RECTIFICATION_RECHECK,
      title: `年审不合格整改复查（${p.year}）：${institution?.name ?? p.institutionId}`,
      description: `Annual review ${p.year} failed with score ${p.score}; re-check the rectification.`,
      targetKind: TargetKind.INSTITUTION,
      targetId: p.institutionId,
      institutionId: p.institutionId,
      townshipCode: institution?.townshipCode ?? null,
      leadDepartmentCode: institution?.competentDepartmentCode ?? 'EDU',
      cooperatingDepartmentCodes: [],
    });
  }

  @OnEvent('complaints.investigation.requested', { name: 'supervision.open-complaint-investigation' })
  async onInvestigation(event: DomainEvent<'complaints.investigation.requested'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.supervision.createFromSource(em, {
      sourceRef: `complaint_investigation:${event.eventId}`,
      type: TaskType.COMPLAINT_INVESTIGATION,
      title: `投诉调查（${p.category}）`,
      description: `Investigation requested for complaint ${p.complaintId}`,
      targetKind: TargetKind.COMPLAINT,
      targetId: p.complaintId,
      institutionId: p.institutionId ?? null,
      townshipCode: p.townshipCode,
      leadDepartmentCode: p.leadDepartmentCode,
      cooperatingDepartmentCodes: [],
    });
  }
}
