import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { Clock } from '../../../platform/clock/clock';
import { Forbidden } from '../../../platform/errors/domain-error';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher } from '../../../platform/events';
import { IS_REQUIRED, MUST_NOT_BE_BLANK } from '../../../platform/i18n/field-texts';
import { text } from '../../../platform/i18n/text';
import { UUID } from '../../../platform/ids/uuid';
import { NotificationsFacade, Recipients } from '../../notifications';
import { PolicyFacade } from '../../policy';
import { AccountabilityCase } from '../entities/accountability-case.entity';
import { DAY_MS } from '../ladder';
import {
  CASE_OVERSEERS,
  EscalatedItemFacts,
  Party,
  canReadCase,
  partyHeld,
  speaksForParty,
} from './accountability.access';
import {
  AccountabilityCaseStatus,
  AccountabilityDecisionKind,
  AccountabilityItemKind,
  AccountabilityLevel,
  AccountabilityPartyKind,
} from './accountability.enums';
import { accountabilityCaseClosed, accountabilityCaseNotFound, statementStillDue } from './accountability.errors';

const SYSTEM = systemPrincipal('supervision');

/** An item the ladder has just raised to level 3. */
export interface EscalatedItem extends EscalatedItemFacts {
  itemKind: AccountabilityItemKind;
  itemId: string;
  title: string;
  dueAt: Date;
  overdueDays: number;
}

export interface DecisionCommand {
  kind: AccountabilityDecisionKind;
  accountabilityLevel?: AccountabilityLevel | null;
  reasons: string;
}

const DECISION_NAMES: Record<AccountabilityDecisionKind, string> = {
  INTERVIEW: '约谈',
  CIRCULATED: '通报批评',
  ACCOUNTABILITY: '问责',
  NO_ACTION: '不予问责',
};

const LEVEL_NAMES: Record<AccountabilityLevel, string> = {
  ADMONISHMENT: '诫勉谈话',
  ORGANISATIONAL: '组织调整或组织处理',
  DISCIPLINARY_REFERRAL: '移送党纪政务处分',
};

/**
 * Accountability cases (问责): opened in the escalation's own transaction when the ladder raises items to
 * level 3 (one OPEN case per party; later items join it), the party's statement (情况说明) and the
 * discipline supervisor's decision. Every change is audited, evented and announced in its transaction.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly policy: PolicyFacade,
    private readonly clock: Clock,
  ) {}

  /**
   * Puts items just raised to level 3 into their parties' cases, inside the escalation's transaction:
   * each party's OPEN case, or a new one with its deadlines from the rules in force now. An item already
   * behind a case is left where it is, so a repeated call changes nothing. Returns the cases touched.
   */
  async openFor(em: EntityManager, items: readonly EscalatedItem[], now: Date): Promise<string[]> {
    if (items.length === 0) return [];
    const known = (await em.query(
      `SELECT item_kind AS "itemKind", item_id AS "itemId" FROM accountability_case_item
       WHERE (item_kind, item_id) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[]))`,
      [items.map((i) => i.itemKind), items.map((i) => i.itemId)],
    )) as { itemKind: string; itemId: string }[];
    const seen = new Set(known.map((k) => `${k.itemKind}:${k.itemId}`));
    const groups = new Map<string, { party: Party; items: EscalatedItem[] }>();
    for (const item of items) {
      if (seen.has(`${item.itemKind}:${item.itemId}`)) continue;
      seen.add(`${item.itemKind}:${item.itemId}`);
      const party = partyHeld(item);
      const key = `${party.kind}:${party.code}`;
      const group = groups.get(key) ?? { party, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
    const touched: string[] = [];
    for (const { party, items: group } of groups.values()) touched.push(await this.addToCase(em, party, group, now));
    return touched;
  }

  private async addToCase(em: EntityManager, party: Party, items: EscalatedItem[], now: Date): Promise<string> {
    const days = await this.policy.values(
      ['supervision.accountability_statement_days', 'supervision.accountability_decision_days'],
      now,
    );
    const statementDueAt = new Date(now.getTime() + days['supervision.accountability_statement_days'] * DAY_MS);
    const decisionDueAt = new Date(now.getTime() + days['supervision.accountability_decision_days'] * DAY_MS);
    let caseId: string | null = null;
    let created = false;
    // The partial unique index keeps one OPEN case per party; a concurrent opener waits on it, then joins.
    for (let attempt = 0; attempt < 3 && !caseId; attempt++) {
      const inserted = (await em.query(
        `INSERT INTO accountability_case (party_kind, party_code, status, opened_at, statement_due_at, decision_due_at, updated_at)
         VALUES ($1, $2, 'OPEN', $3, $4, $5, $3)
         ON CONFLICT (party_kind, party_code) WHERE status = 'OPEN' DO NOTHING RETURNING id`,
        [party.kind, party.code, now, statementDueAt, decisionDueAt],
      )) as { id: string }[];
      if (inserted[0]) {
        caseId = inserted[0].id;
        created = true;
        break;
      }
      const open = (await em.query(
        `SELECT id FROM accountability_case WHERE party_kind = $1 AND party_code = $2 AND status = 'OPEN' FOR UPDATE`,
        [party.kind, party.code],
      )) as { id: string }[];
      caseId = open[0]?.id ?? null;
    }
    if (!caseId) throw new Error(`no OPEN accountability case for ${party.kind}:${party.code} after three attempts`);
    await em.query(
      `INSERT INTO accountability_case_item (item_kind, item_id, case_id, title, due_at, overdue_days, lead_department_code, township_code, escalated_at)
       SELECT x.kind, x.id, $1, x.title, x.due, x.days, x.dept, x.township, $2
       FROM unnest($3::varchar[], $4::uuid[], $5::varchar[], $6::timestamptz[], $7::int[], $8::varchar[], $9::varchar[])
         AS x(kind, id, title, due, days, dept, township)
       ON CONFLICT (item_kind, item_id) DO NOTHING`,
      [
        caseId,
        now,
        items.map((i) => i.itemKind),
        items.map((i) => i.itemId),
        items.map((i) => i.title.slice(0, 200)),
        items.map((i) => i.dueAt),
        items.map((i) => i.overdueDays),
        items.map((i) => i.leadDepartmentCode),
        items.map((i) => i.townshipCode),
      ],
    );
    const refs = items.map((i) => ({ itemKind: i.itemKind, itemId: i.itemId }));
    await this.audit.record(em, {
      actor: SYSTEM,
      action: created ? 'supervision.accountability.opened' : 'supervision.accountability.items_added',
      entityType: 'accountability_case',
      entityId: caseId,
      summary: {
        party: `${party.kind}:${party.code}`,
        items: refs.map((r) => `${r.itemKind}:${r.itemId}`),
        ...(created
          ? { statementDueAt: statementDueAt.toISOString(), decisionDueAt: decisionDueAt.toISOString() }
          : {}),
      },
    });
    if (created) {
      await this.events.publish(em, 'supervision.accountability.opened', {
        caseId,
        partyKind: party.kind,
        partyCode: party.code,
        items: refs,
        statementDueAt: statementDueAt.toISOString(),
        decisionDueAt: decisionDueAt.toISOString(),
      });
    } else {
      await this.events.publish(em, 'supervision.accountability.items_added', {
        caseId,
        partyKind: party.kind,
        partyCode: party.code,
        items: refs,
      });
    }
    const lines = items.map(
      (i) => `${i.title} (${i.itemKind} ${i.itemId}): due ${i.dueAt.toISOString()}, ${i.overdueDays} days overdue`,
    );
    await this.notifications.notify(em, recipients(party), {
      kind: created ? 'supervision.accountability.opened' : 'supervision.accountability.items_added',
      title: created
        ? `问责启动：${partyName(party)}，${items.length} 项逾期事项三级督办`
        : `问责案件新增 ${items.length} 项逾期事项：${partyName(party)}`,
      body: created
        ? `${lines.join('\n')}\nStatement (情况说明) due ${statementDueAt.toISOString()}; decision due ${decisionDueAt.toISOString()}.`
        : lines.join('\n'),
      entityType: 'accountability_case',
      entityId: caseId,
    });
    return caseId;
  }

  /** The party's statement (情况说明): OPEN → STATEMENT_RECEIVED, by an officer of the party; late ones are taken and marked. */
  async recordStatement(actor: Principal, id: string, statement: string): Promise<AccountabilityCase> {
    const problems = new Problems();
    const body = statement.trim();
    problems.check(body, 'statement', MUST_NOT_BE_BLANK);
    problems.throwIfAny();
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockReadable(em, actor, id);
      if (!speaksForParty(actor, party(c)))
        throw new Forbidden(
          text(
            `Only officers of ${c.partyCode}, the party held to account, may give its statement`,
            `只有问责对象 ${c.partyCode} 的工作人员可以提交情况说明`,
          ),
          'ACCOUNTABILITY_FORBIDDEN',
        );
      if (c.status !== AccountabilityCaseStatus.OPEN) throw accountabilityCaseClosed(c.id, c.status);
      const late = now.getTime() > c.statementDueAt.getTime();
      c.status = AccountabilityCaseStatus.STATEMENT_RECEIVED;
      c.statement = body;
      c.statementAt = now;
      c.statementById = actor.kind === 'user' ? actor.userId : null;
      c.updatedAt = now;
      await em.save(c);
      await this.audit.record(em, {
        actor,
        action: 'supervision.accountability.statement_received',
        entityType: 'accountability_case',
        entityId: c.id,
        summary: { from: AccountabilityCaseStatus.OPEN, to: c.status, late, length: body.length },
      });
      await this.events.publish(em, 'supervision.accountability.statement_received', {
        caseId: c.id,
        partyKind: c.partyKind,
        partyCode: c.partyCode,
        late,
      });
      await this.notifications.notify(em, recipients(null), {
        kind: 'supervision.accountability.statement_received',
        title: `问责对象已提交情况说明：${partyName(party(c))}${late ? '（逾期提交）' : ''}`,
        body: body.slice(0, 500),
        entityType: 'accountability_case',
        entityId: c.id,
      });
      return c;
    });
  }

  /**
   * The decision (处理决定) by a discipline supervisor: OPEN (once the statement deadline has passed) or
   * STATEMENT_RECEIVED → DECIDED. ACCOUNTABILITY takes a level; every decision its reasons.
   */
  async recordDecision(actor: Principal, id: string, command: DecisionCommand): Promise<AccountabilityCase> {
    const problems = new Problems();
    const reasons = command.reasons.trim();
    problems.check(reasons, 'reasons', MUST_NOT_BE_BLANK);
    if (command.kind === AccountabilityDecisionKind.ACCOUNTABILITY && !command.accountabilityLevel)
      problems.add('accountabilityLevel', IS_REQUIRED);
    if (command.kind !== AccountabilityDecisionKind.ACCOUNTABILITY && command.accountabilityLevel)
      problems.add(
        'accountabilityLevel',
        text('is given only with the decision ACCOUNTABILITY', '仅在处理决定为问责（ACCOUNTABILITY）时填写'),
      );
    problems.throwIfAny();
    if (!(actor.kind === 'user' && actor.role === Role.DISCIPLINE_SUPERVISOR))
      throw new Forbidden(
        text('Only a discipline supervisor records accountability decisions', '只有纪检监察人员可以作出问责处理决定'),
        'ACCOUNTABILITY_FORBIDDEN',
      );
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockReadable(em, actor, id);
      if (c.status === AccountabilityCaseStatus.DECIDED) throw accountabilityCaseClosed(c.id, c.status);
      if (c.status === AccountabilityCaseStatus.OPEN && now.getTime() <= c.statementDueAt.getTime())
        throw statementStillDue(c.id, c.statementDueAt);
      const from = c.status;
      const late = now.getTime() > c.decisionDueAt.getTime();
      c.status = AccountabilityCaseStatus.DECIDED;
      c.decisionKind = command.kind;
      c.accountabilityLevel = command.accountabilityLevel ?? null;
      c.decisionReasons = reasons;
      c.decidedAt = now;
      c.decidedById = actor.userId;
      c.updatedAt = now;
      await em.save(c);
      await this.audit.record(em, {
        actor,
        action: 'supervision.accountability.decided',
        entityType: 'accountability_case',
        entityId: c.id,
        summary: { from, to: c.status, kind: c.decisionKind, level: c.accountabilityLevel, reasons, late },
      });
      await this.events.publish(em, 'supervision.accountability.decided', {
        caseId: c.id,
        partyKind: c.partyKind,
        partyCode: c.partyCode,
        decisionKind: command.kind,
        accountabilityLevel: c.accountabilityLevel,
        late,
      });
      const what = c.accountabilityLevel
        ? `${DECISION_NAMES[command.kind]}（${LEVEL_NAMES[c.accountabilityLevel]}）`
        : DECISION_NAMES[command.kind];
      await this.notifications.notify(em, recipients(party(c), Role.COUNTY_ADMIN), {
        kind: 'supervision.accountability.decided',
        title: `问责处理决定：${partyName(party(c))} — ${what}`,
        body: reasons.slice(0, 500),
        entityType: 'accountability_case',
        entityId: c.id,
      });
      return c;
    });
  }

  /** The case locked for update, if the caller may read it; otherwise ACCOUNTABILITY_CASE_NOT_FOUND. */
  private async lockReadable(em: EntityManager, actor: Principal, id: string): Promise<AccountabilityCase> {
    const c = UUID.test(id)
      ? await em.findOne(AccountabilityCase, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!c || !canReadCase(actor, party(c))) throw accountabilityCaseNotFound(id);
    return c;
  }
}

const party = (c: AccountabilityCase): Party => ({ kind: c.partyKind, code: c.partyCode });

function partyName(p: Party): string {
  return p.kind === AccountabilityPartyKind.DEPARTMENT ? `部门 ${p.code}` : `乡镇 ${p.code}`;
}

/**
 * Who hears of a case: the party held (when given), the inspection office and the discipline commission
 * (their officers' inboxes), discipline supervisors, and any further roles.
 */
function recipients(p: Party | null, ...roles: Role[]): Recipients {
  const departmentCodes = new Set<string>(CASE_OVERSEERS);
  const townshipCodes: string[] = [];
  if (p?.kind === AccountabilityPartyKind.DEPARTMENT) departmentCodes.add(p.code);
  if (p?.kind === AccountabilityPartyKind.TOWNSHIP) townshipCodes.push(p.code);
  return { departmentCodes: [...departmentCodes], townshipCodes, roles: [Role.DISCIPLINE_SUPERVISOR, ...roles] };
}
