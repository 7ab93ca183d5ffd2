import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import {
  AccountabilityCaseStatus,
  AccountabilityDecisionKind,
  AccountabilityItemKind,
  AccountabilityLevel,
  AccountabilityPartyKind,
} from '../accountability/accountability.enums';

@ObjectType('AccountabilityCaseItem', {
  description: 'An overdue item (逾期事项) behind an accountability case, as it stood at its level-3 escalation.',
})
export class AccountabilityCaseItemObject {
  @Field(() => AccountabilityItemKind, { description: 'Kind of the item (task, rectification order, complaint).' })
  itemKind!: AccountabilityItemKind;

  @Field(() => ID, { description: 'Id of the task, rectification order or complaint.' })
  itemId!: string;

  @Field({ description: 'Title of the item (事项名称) when it was escalated.' })
  title!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the item was due (办结时限).' })
  dueAt!: Date;

  @Field(() => Int, { description: 'Days past the due date at the level-3 escalation (逾期天数).' })
  overdueDays!: number;

  @Field({ description: 'Lead department (牵头单位) of the item, by code.' })
  leadDepartmentCode!: string;

  @Field(() => String, { nullable: true, description: 'Township (乡镇/街道) of the item, by code; null when none.' })
  townshipCode!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the item reached level 3 (三级督办) and joined the case.' })
  escalatedAt!: Date;
}

@ObjectType('AccountabilityCase', {
  implements: () => [NodeInterface],
  description:
    'Accountability case (问责案件): opened by a level-3 escalation (三级督办) against the department or township held to account, ' +
    'with the overdue items behind it, the party’s statement (情况说明) and the discipline supervisor’s decision.',
})
export class AccountabilityCaseObject {
  @Field(() => ID, { description: 'Id of the case.' })
  id!: string;

  @Field(() => AccountabilityPartyKind, {
    description: 'Whether a department or a township is held to account (问责对象).',
  })
  partyKind!: AccountabilityPartyKind;

  @Field({ description: 'Code of the department (e.g. EDU) or township (e.g. 520122001) held to account.' })
  partyCode!: string;

  @Field(() => AccountabilityCaseStatus, { description: 'Where the case is (案件状态).' })
  status!: AccountabilityCaseStatus;

  @Field(() => GraphQLISODateTime, { description: 'When the case was opened (立案时间).' })
  openedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    description:
      'Deadline of the party’s statement (情况说明期限), from the rule supervision.accountability_statement_days at opening.',
  })
  statementDueAt!: Date;

  @Field(() => GraphQLISODateTime, {
    description:
      'Deadline of the decision (处理决定期限), from the rule supervision.accountability_decision_days at opening.',
  })
  decisionDueAt!: Date;

  @Field(() => String, { nullable: true, description: 'The party’s statement (情况说明); null until given.' })
  statement!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the statement was given; null until then.' })
  statementAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The officer (用户) who gave the statement; null until then.' })
  statementById!: string | null;

  @Field({ description: 'The statement is owed and its deadline has passed (情况说明逾期).' })
  statementOverdue!: boolean;

  @Field({ description: 'The decision is owed and its deadline has passed (处理决定逾期).' })
  decisionOverdue!: boolean;

  @Field(() => AccountabilityDecisionKind, {
    nullable: true,
    description: 'The decision (处理决定); null until decided.',
  })
  decisionKind!: AccountabilityDecisionKind | null;

  @Field(() => AccountabilityLevel, {
    nullable: true,
    description: 'Level of an ACCOUNTABILITY decision (问责方式); null for other decisions and until decided.',
  })
  accountabilityLevel!: AccountabilityLevel | null;

  @Field(() => String, { nullable: true, description: 'Reasons of the decision (处理理由); null until decided.' })
  decisionReasons!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the case was decided; null until then.' })
  decidedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The discipline supervisor (用户) who decided; null until then.' })
  decidedById!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the case last changed.' })
  updatedAt!: Date;
}
