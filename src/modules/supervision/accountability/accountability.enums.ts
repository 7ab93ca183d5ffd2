import { registerEnumType } from '@nestjs/graphql';

/** Who is held to account (问责对象): a member department of the leading group, or a township or street. */
export enum AccountabilityPartyKind {
  DEPARTMENT = 'DEPARTMENT',
  TOWNSHIP = 'TOWNSHIP',
}

/** Where an accountability case (问责案件) is: OPEN → STATEMENT_RECEIVED (optional) → DECIDED. */
export enum AccountabilityCaseStatus {
  OPEN = 'OPEN',
  STATEMENT_RECEIVED = 'STATEMENT_RECEIVED',
  DECIDED = 'DECIDED',
}

/** What the discipline supervisor decided (处理决定). */
export enum AccountabilityDecisionKind {
  INTERVIEW = 'INTERVIEW', // 约谈
  CIRCULATED = 'CIRCULATED', // 通报批评
  ACCOUNTABILITY = 'ACCOUNTABILITY', // 问责 (with its level)
  NO_ACTION = 'NO_ACTION', // 不予问责 (with reasons)
}

/**
 * The level of an ACCOUNTABILITY decision: the heavier forms of accountability of 《中国共产党问责条例》
 * (2019) 第八条 for leading cadres, the lighter ones (通报, 约谈) being decision kinds of their own.
 */
export enum AccountabilityLevel {
  ADMONISHMENT = 'ADMONISHMENT', // 诫勉
  ORGANISATIONAL = 'ORGANISATIONAL', // 组织调整或者组织处理
  DISCIPLINARY_REFERRAL = 'DISCIPLINARY_REFERRAL', // 党纪政务处分（移送）
}

/** The kinds of overdue item a case lists (the escalation ladder's item kinds). */
export enum AccountabilityItemKind {
  TASK = 'TASK',
  ORDER = 'ORDER',
  COMPLAINT = 'COMPLAINT',
}

registerEnumType(AccountabilityPartyKind, {
  name: 'AccountabilityPartyKind',
  description: 'Who an accountability case (问责案件) holds to account (问责对象).',
  valuesMap: {
    DEPARTMENT: { description: 'A member department of the leading group (成员单位), by its code.' },
    TOWNSHIP: { description: 'A township or street (乡镇/街道), by its code.' },
  },
});
registerEnumType(AccountabilityCaseStatus, {
  name: 'AccountabilityCaseStatus',
  description: 'Where an accountability case (问责案件) is: OPEN → STATEMENT_RECEIVED (optional) → DECIDED.',
  valuesMap: {
    OPEN: { description: 'Open (待说明): waiting for the party’s statement or, after its deadline, the decision.' },
    STATEMENT_RECEIVED: {
      description: 'Statement received (已提交情况说明): the party explained itself; waiting for the decision.',
    },
    DECIDED: { description: 'Decided (已作出处理决定) by the discipline supervisor; the case is closed.' },
  },
});
registerEnumType(AccountabilityDecisionKind, {
  name: 'AccountabilityDecisionKind',
  description: 'The decision (处理决定) a discipline supervisor records on an accountability case.',
  valuesMap: {
    INTERVIEW: { description: 'Interview (约谈) of the party’s leaders.' },
    CIRCULATED: { description: 'Circulated criticism (通报批评).' },
    ACCOUNTABILITY: { description: 'Accountability (问责) at the level given in `accountabilityLevel`.' },
    NO_ACTION: { description: 'No action (不予问责), for the reasons given.' },
  },
});
registerEnumType(AccountabilityLevel, {
  name: 'AccountabilityLevel',
  description:
    'Level of an ACCOUNTABILITY decision (问责方式), after 《中国共产党问责条例》(2019) 第八条 for leading cadres.',
  valuesMap: {
    ADMONISHMENT: { description: 'Admonishment (诫勉谈话).' },
    ORGANISATIONAL: { description: 'Organisational handling (组织调整或者组织处理), e.g. suspension or removal.' },
    DISCIPLINARY_REFERRAL: {
      description: 'Referral for Party or administrative sanctions (移送党纪政务处分) under the discipline commission.',
    },
  },
});
registerEnumType(AccountabilityItemKind, {
  name: 'AccountabilityItemKind',
  description: 'Kind of overdue item (逾期事项) behind an accountability case.',
  valuesMap: {
    TASK: { description: 'A supervision task (督导任务).' },
    ORDER: { description: 'A rectification order (整改通知).' },
    COMPLAINT: { description: 'A complaint (投诉) past a statutory deadline.' },
  },
});
