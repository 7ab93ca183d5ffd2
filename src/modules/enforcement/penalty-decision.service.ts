import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName } from '../../platform/auth/principal';
import { businessDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { parseMoney } from '../../platform/database/money';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { PenaltyDecisionPayload } from '../../platform/events/catalogue';
import { text } from '../../platform/i18n/text';
import { UUID } from '../../platform/ids/uuid';
import { ComplaintsFacade } from '../complaints';
import { CreditFacade } from '../credit';
import { EscrowFacade } from '../escrow';
import { PolicyFacade } from '../policy';
import { ReferenceFacade } from '../reference';
import { LeadStatus, RegistryFacade, checkCreditCode, institutionNotFound } from '../registry';
import { SupervisionFacade } from '../supervision';
import { PENALTY_DUTIES, assertPenaltyRecorder } from './enforcement.access';
import { Role } from '../../platform/auth/role';
import { PenaltyKind, PenaltyStatus } from './enforcement.enums';
import { decisionNumberTaken } from './enforcement.errors';
import { EnforcementQueries } from './enforcement.queries';
import {
  PenaltyRules,
  creditSeverity,
  decisionDeadlines,
  decisionProblems,
  registrySanction,
} from './enforcement.rules';
import { PenaltyDecision } from './entities/penalty-decision.entity';

/** A penalty decision as the deciding officer records it (money as two-decimal yuan strings). */
export interface DecidePenaltyCommand {
  decisionNumber: string;
  institutionId?: string | null;
  leadId?: string | null;
  subjectName?: string | null;
  creditCode?: string | null;
  kinds: PenaltyKind[];
  fine?: string | null;
  confiscated?: string | null;
  legalBasis: string;
  facts: string;
  findingIds?: string[] | null;
  complaintIds?: string[] | null;
  alertIds?: string[] | null;
  decidingDepartmentCode: string;
  noticeServedOn: string;
  hearingHeldOn?: string | null;
  decidedOn: string;
}

/** The event payload of a decision (PenaltyDecisionPayload, shared with the credit-sharing feed). */
export function penaltyPayload(p: PenaltyDecision): PenaltyDecisionPayload {
  return {
    penaltyId: p.id,
    decisionNumber: p.decisionNumber,
    institutionId: p.institutionId,
    leadId: p.leadId,
    subjectName: p.subjectName,
    creditCode: p.creditCode,
    kinds: [...p.kinds],
    fineFen: p.fineFen === null ? null : p.fineFen.toString(),
    confiscatedFen: p.confiscatedFen === null ? null : p.confiscatedFen.toString(),
    legalBasis: p.legalBasis,
    facts: p.facts,
    decidingDepartmentCode: p.decidingDepartmentCode,
    decidedOn: p.decidedOn,
    publishedUntil: p.publishedUntil,
  };
}

interface Party {
  institutionId: string | null;
  leadId: string | null;
  subjectName: string;
  creditCode: string | null;
  townshipCode: string;
}

/**
 * Records an administrative penalty decision (行政处罚决定) and, in the same transaction, what follows from
 * it: the registry's suspension or revocation (through its lifecycle commands), the closure of the lead of
 * an unlicensed operator (常态清零), the credit record, the audit row, and the `enforcement.penalty.decided`
 * (and, for a published decision, `.published`) events.
 */
@Injectable()
export class PenaltyDecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EnforcementQueries,
    private readonly registry: RegistryFacade,
    private readonly credit: CreditFacade,
    private readonly supervision: SupervisionFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly escrow: EscrowFacade,
    private readonly reference: ReferenceFacade,
    private readonly policy: PolicyFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The departments with penalty powers over off-campus training (holders of PENALTY_DUTIES). */
  async penaltyDepartments(): Promise<string[]> {
    const lists = await Promise.all(PENALTY_DUTIES.map((d) => this.reference.departmentsWithDuty(d)));
    return [...new Set(lists.flat())];
  }

  /** The county rules in force now. */
  async rules(now = this.clock.now()): Promise<PenaltyRules> {
    const [
      hearingRequestDays,
      hearingAmountFen,
      reviewDays,
      litigationMonths,
      publicationDays,
      publicationDaysSerious,
    ] = await Promise.all([
      this.policy.value('enforcement.hearing_request_days', now),
      this.policy.value('enforcement.hearing_amount_fen', now),
      this.policy.value('enforcement.review_days', now),
      this.policy.value('enforcement.litigation_months', now),
      this.policy.value('enforcement.publication_days', now),
      this.policy.value('enforcement.publication_days_serious', now),
    ]);
    return {
      hearingRequestDays,
      hearingAmountFen: BigInt(hearingAmountFen),
      reviewDays,
      litigationMonths,
      publicationDays,
      publicationDaysSerious,
    };
  }

  async decide(actor: Principal, input: DecidePenaltyCommand): Promise<PenaltyDecision> {
    const departments = await this.penaltyDepartments();
    assertPenaltyRecorder(actor, departments);
    const now = this.clock.now();
    const today = businessDate(now, this.config.timeZone);
    const rules = await this.rules(now);
    const fineFen = input.fine ? parseMoney(input.fine) : null;
    const confiscatedFen = input.confiscated ? parseMoney(input.confiscated) : null;
    const facts = {
      institutionId: input.institutionId ?? null,
      leadId: input.leadId ?? null,
      kinds: input.kinds,
      fineFen,
      confiscatedFen,
      noticeServedOn: input.noticeServedOn,
      hearingHeldOn: input.hearingHeldOn ?? null,
      decidedOn: input.decidedOn,
    };
    const problems = decisionProblems(facts, rules, today);
    problems.check(
      departments.includes(input.decidingDepartmentCode),
      'decidingDepartmentCode',
      text('this department has no penalty powers over off-campus training', '该部门对校外培训没有行政处罚权'),
    );
    problems.check(
      actor.kind !== 'user' ||
        actor.role !== Role.DEPARTMENT_OFFICER ||
        actor.departmentCode === input.decidingDepartmentCode,
      'decidingDepartmentCode',
      text(
        'a department officer records the decisions of their own department',
        '部门工作人员只能登记本部门作出的决定',
      ),
    );
    problems.check(input.decisionNumber.trim(), 'decisionNumber', text('is required', '必须填写'));
    problems.check(input.legalBasis.trim(), 'legalBasis', text('is required', '必须填写'));
    problems.check(input.facts.trim(), 'facts', text('is required', '必须填写'));
    const party = await this.party(input, problems);
    await this.checkLinkedFacts(input, party, problems);
    problems.throwIfAny();

    const deadlines = decisionDeadlines(facts, rules);
    const decisionNumber = input.decisionNumber.trim();
    try {
      return await this.dataSource.transaction(async (em) => {
        if (await this.queries.numberTaken(em, decisionNumber)) throw decisionNumberTaken(decisionNumber);
        const repo = em.getRepository(PenaltyDecision);
        const p = repo.create({
          decisionNumber,
          ...party,
          kinds: [...input.kinds],
          fineFen,
          confiscatedFen,
          legalBasis: input.legalBasis.trim(),
          facts: input.facts.trim(),
          findingIds: unique(input.findingIds),
          complaintIds: unique(input.complaintIds),
          alertIds: unique(input.alertIds),
          decidingDepartmentCode: input.decidingDepartmentCode,
          noticeServedOn: input.noticeServedOn,
          hearingRight: deadlines.hearingRight,
          hearingRequestDeadline: deadlines.hearingRequestDeadline,
          hearingHeldOn: input.hearingHeldOn ?? null,
          decidedOn: input.decidedOn,
          reviewDeadline: deadlines.reviewDeadline,
          litigationDeadline: deadlines.litigationDeadline,
          publishedUntil: deadlines.publishedUntil,
          publicationEndedOn: null,
          status: PenaltyStatus.DECIDED,
          carriedOutOn: null,
          withdrawalGround: null,
          withdrawalReason: null,
          withdrawnOn: null,
          decidedByUserId: actor.kind === 'user' ? actor.userId : null,
          decidedByName: actorName(actor),
          createdAt: now,
          updatedAt: now,
        });
        await repo.insert(p);
        const followUp = await this.followUp(em, actor, p);
        await this.audit.record(em, {
          actor,
          action: 'enforcement.penalty.decided',
          entityType: 'penalty_decision',
          entityId: p.id,
          summary: {
            decisionNumber: p.decisionNumber,
            institutionId: p.institutionId,
            leadId: p.leadId,
            kinds: p.kinds,
            fineFen: p.fineFen?.toString() ?? null,
            confiscatedFen: p.confiscatedFen?.toString() ?? null,
            decidingDepartmentCode: p.decidingDepartmentCode,
            decidedOn: p.decidedOn,
            publishedUntil: p.publishedUntil,
            ...followUp,
          },
        });
        await this.events.publish(em, 'enforcement.penalty.decided', penaltyPayload(p));
        if (p.publishedUntil) await this.events.publish(em, 'enforcement.penalty.published', penaltyPayload(p));
        return p;
      });
    } catch (e) {
      if (
        e instanceof QueryFailedError &&
        (e.driverError as { constraint?: string })?.constraint === 'uq_penalty_decision_number'
      )
        throw decisionNumberTaken(decisionNumber);
      throw e;
    }
  }

  /** Who the decision is against: the institution as the registry has it, or the lead's operator. */
  private async party(input: DecidePenaltyCommand, problems: Problems): Promise<Party> {
    if (input.institutionId) {
      const i = await this.registry.findInstitution({ id: input.institutionId });
      if (!i) throw institutionNotFound(input.institutionId);
      return {
        institutionId: i.id,
        leadId: null,
        subjectName: input.subjectName?.trim() || i.name,
        creditCode: i.creditCode,
        townshipCode: i.townshipCode,
      };
    }
    const leadId = input.leadId ?? '';
    const lead = await this.registry.findLead(leadId);
    if (!lead) {
      problems.add('leadId', text(`no unlicensed-training lead ${leadId}`, `无证培训线索 ${leadId} 不存在`));
      problems.throwIfAny();
    }
    problems.check(
      lead!.status !== LeadStatus.UNFOUNDED,
      'leadId',
      text('the lead was found unfounded', '该线索已查明不属实'),
    );
    problems.check(
      input.subjectName?.trim(),
      'subjectName',
      text('name the operator as the decision states it', '须填写决定书载明的当事人名称'),
    );
    let creditCode: string | null = null;
    if (input.creditCode?.trim()) {
      const check = checkCreditCode(input.creditCode);
      if (check.valid) creditCode = check.code;
      else problems.add('creditCode', check.message);
    }
    return {
      institutionId: null,
      leadId: lead!.id,
      subjectName: input.subjectName?.trim() ?? '',
      creditCode,
      townshipCode: lead!.townshipCode,
    };
  }

  /**
   * Linked findings, complaints and alerts must exist and be about the same party: the institution, or,
   * for an unlicensed operator, no registered institution (an escrow alert always has one, so none).
   */
  private async checkLinkedFacts(input: DecidePenaltyCommand, party: Party, problems: Problems): Promise<void> {
    const check = async (
      path: string,
      ids: string[] | null | undefined,
      load: (ids: string[]) => Promise<{ id: string; institutionId: string | null }[]>,
      what: { en: string; zh: string },
    ) => {
      const wanted = unique(ids);
      if (wanted.length === 0) return;
      const found = new Map((await load(wanted.filter((i) => UUID.test(i)))).map((s) => [s.id, s]));
      for (const id of wanted) {
        const s = found.get(id);
        if (!s) problems.add(path, text(`no ${what.en} ${id}`, `${what.zh} ${id} 不存在`));
        else if (s.institutionId !== party.institutionId)
          problems.add(path, text(`${what.en} ${id} concerns another party`, `${what.zh} ${id} 涉及的不是该当事人`));
      }
    };
    await check('findingIds', input.findingIds, (ids) => this.supervision.findingSubjects(ids), {
      en: 'finding',
      zh: '检查结果',
    });
    await check('complaintIds', input.complaintIds, (ids) => this.complaints.complaintSubjects(ids), {
      en: 'complaint',
      zh: '投诉',
    });
    await check('alertIds', input.alertIds, (ids) => this.escrow.alertSubjects(ids), {
      en: 'escrow alert',
      zh: '资金监管预警',
    });
  }

  /** The registry lifecycle, the lead and the credit record, in the decision's transaction. */
  private async followUp(
    em: EntityManager,
    actor: Principal,
    p: PenaltyDecision,
  ): Promise<{ registry: string | null; leadClosed: boolean; creditRecordId: string | null }> {
    const reason = `行政处罚决定 ${p.decisionNumber} (penalty decision)`;
    let registry: string | null = null;
    let leadClosed = false;
    let creditRecordId: string | null = null;
    if (p.institutionId) {
      const sanction = registrySanction(p.kinds);
      if (sanction) {
        const done = await this.registry.sanctionInstitution(em, actor, p.institutionId, sanction, reason);
        registry = done ? sanction : null;
      }
      creditRecordId = await this.credit.recordPenalty(em, actor, {
        penaltyId: p.id,
        institutionId: p.institutionId,
        decisionNumber: p.decisionNumber,
        summary: `行政处罚 ${p.decisionNumber}（${p.kinds.join('、')}）: ${p.legalBasis}`,
        severity: creditSeverity(p.kinds),
        decidedOn: p.decidedOn,
      });
    }
    if (p.leadId) leadClosed = await this.registry.closeLeadByPenalty(em, actor, p.leadId, reason);
    return { registry, leadClosed, creditRecordId };
  }
}

function unique(ids: string[] | null | undefined): string[] {
  return [...new Set(ids ?? [])];
}
