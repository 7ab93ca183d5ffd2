import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { JSONScalar } from '../../../platform/graphql/json.scalar';
import { Paginated } from '../../../platform/graphql/pagination';

export const EscrowAccountStatusEnum = { ACTIVE: 'ACTIVE', FROZEN: 'FROZEN', CLOSED: 'CLOSED' } as const;
export const EscrowAlertTypeEnum = {
  SHORTFALL: 'SHORTFALL',
  RECONCILIATION_MISMATCH: 'RECONCILIATION_MISMATCH',
  ABNORMAL_RELEASE: 'ABNORMAL_RELEASE',
  PREPAID_LIMIT_EXCEEDED: 'PREPAID_LIMIT_EXCEEDED',
  STALE_REPORT: 'STALE_REPORT',
  NO_ESCROW_ACCOUNT: 'NO_ESCROW_ACCOUNT',
  RELEASE_OVER_RELEASABLE: 'RELEASE_OVER_RELEASABLE',
  DEPOSIT_UNMATCHED: 'DEPOSIT_UNMATCHED',
  REFUND_OVERDUE: 'REFUND_OVERDUE',
} as const;
export const EscrowAlertStatusEnum = { OPEN: 'OPEN', ACKNOWLEDGED: 'ACKNOWLEDGED', RESOLVED: 'RESOLVED' } as const;
export const InstructionActionEnum = {
  FREEZE: 'FREEZE',
  UNFREEZE: 'UNFREEZE',
  RELEASE: 'RELEASE',
  REFUND: 'REFUND',
} as const;
export const InstructionStatusEnum = { PENDING: 'PENDING', EXECUTED: 'EXECUTED', REFUSED: 'REFUSED' } as const;
export const RiskReserveStatusEnum = { ACTIVE: 'ACTIVE', RELEASED: 'RELEASED' } as const;

registerEnumType(EscrowAccountStatusEnum, {
  name: 'EscrowAccountStatus',
  description: 'Escrow account (监管账户) status',
});
registerEnumType(EscrowAlertTypeEnum, {
  name: 'EscrowAlertType',
  description:
    'SHORTFALL (余额不足), RECONCILIATION_MISMATCH (对账不符), ABNORMAL_RELEASE (异常划转), PREPAID_LIMIT_EXCEEDED (超限预收费), STALE_REPORT (未按时报送), NO_ESCROW_ACCOUNT (未开设监管账户), RELEASE_OVER_RELEASABLE (划转超过已消课金额), DEPOSIT_UNMATCHED (入账未匹配合同), REFUND_OVERDUE (退费逾期未执行)',
});
registerEnumType(EscrowAlertStatusEnum, {
  name: 'EscrowAlertStatus',
  description: 'OPEN → ACKNOWLEDGED (someone follows it up) → RESOLVED (its condition cleared)',
});
registerEnumType(InstructionActionEnum, {
  name: 'BankInstructionAction',
  description:
    'FREEZE (冻结) / UNFREEZE (解冻), issued by the county office; RELEASE (一课一消划转) / REFUND (退费), issued by the service from prepaid contracts',
});
registerEnumType(InstructionStatusEnum, {
  name: 'BankInstructionStatus',
  description: 'PENDING until the bank acknowledges: EXECUTED or REFUSED',
});
registerEnumType(RiskReserveStatusEnum, {
  name: 'RiskReserveStatus',
  description: 'ACTIVE (held, 在存) → RELEASED (退还)',
});

@ObjectType('EscrowInstitution', { description: 'The institution (校外培训机构) an escrow account belongs to' })
export class EscrowInstitutionObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码)' })
  creditCode!: string;

  @Field()
  category!: string;

  @Field()
  status!: string;

  @Field()
  townshipCode!: string;
}

@ObjectType('EscrowStatement', { description: 'End-of-day balance statement (日终对账单) posted by the bank' })
export class EscrowStatementObject {
  @Field()
  statementDate!: string;

  @Field(() => Int, { description: 'A higher revision supersedes a lower one for the same date' })
  revision!: number;

  @Field({ description: 'Opening balance, yuan with two decimals' })
  openingBalance!: string;

  @Field({ description: 'Closing balance, yuan with two decimals' })
  closingBalance!: string;

  @Field()
  receivedAt!: Date;

  @Field({ description: 'The bank API key that sent it' })
  keyId!: string;
}

@ObjectType('EscrowTransaction', { description: 'Account movement (资金流水) posted by the bank' })
export class EscrowTransactionObject {
  @Field()
  txnId!: string;

  @Field()
  bookedAt!: Date;

  @Field({ description: 'DEPOSIT, RELEASE, REFUND, INTEREST, FEE or REVERSAL' })
  type!: string;

  @Field({ description: 'Amount, yuan with two decimals' })
  amount!: string;

  @Field(() => String, { nullable: true })
  payerRef!: string | null;

  @Field(() => Int, { nullable: true })
  lessonHours!: number | null;

  @Field(() => Int, { nullable: true })
  coverageMonths!: number | null;

  @Field(() => String, { nullable: true })
  reversalOf!: string | null;

  @Field(() => String, { nullable: true })
  memo!: string | null;

  @Field()
  receivedAt!: Date;
}

@ObjectType('BankInstruction', { description: 'Instruction (监管指令) to the bank holding an account' })
export class BankInstructionObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  accountId!: string;

  @Field(() => InstructionActionEnum)
  action!: string;

  @Field()
  reason!: string;

  @Field(() => InstructionStatusEnum)
  status!: string;

  @Field()
  issuedAt!: Date;

  @Field()
  issuedBy!: string;

  @Field(() => Date, { nullable: true, description: 'When the bank says it executed (or refused) it' })
  executedAt!: Date | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was escalated for want of an acknowledgement' })
  escalatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'RELEASE / REFUND: the amount in yuan ("123.45")' })
  amount!: string | null;

  @Field(() => [ID], { nullable: true, description: 'RELEASE / REFUND: the prepaid contracts covered' })
  contractIds!: string[] | null;
}

@ObjectType('EscrowAccount', {
  implements: () => [NodeInterface],
  description: 'Escrow account (监管账户) a partner bank holds for an institution',
})
export class EscrowAccountObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field()
  bankCode!: string;

  @Field()
  accountNo!: string;

  @Field(() => EscrowAccountStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true, description: "The institution's township when the account was opened" })
  townshipCode!: string | null;

  @Field()
  openedOn!: string;

  @Field({ description: 'Required custody (应监管资金) = deposits − releases − refunds (± reversals), yuan' })
  requiredCustody!: string;

  @Field(() => String, { nullable: true })
  lastStatementDate!: string | null;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType('EscrowAlert', { description: 'Escrow alert (资金监管预警)' })
export class EscrowAlertObject {
  @Field(() => ID)
  id!: string;

  @Field(() => EscrowAlertTypeEnum)
  type!: string;

  @Field(() => EscrowAlertStatusEnum)
  status!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Null for NO_ESCROW_ACCOUNT, and for REFUND_OVERDUE or DEPOSIT_UNMATCHED of an institution without an account in use',
  })
  accountId!: string | null;

  @Field(() => String, { nullable: true })
  accountNo!: string | null;

  @Field(() => String, { nullable: true })
  bankCode!: string | null;

  @Field(() => ID)
  institutionId!: string;

  @Field(() => String, { nullable: true })
  townshipCode!: string | null;

  @Field(() => JSONScalar, { description: 'The figures behind the alert' })
  details!: Record<string, unknown>;

  @Field()
  raisedAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true })
  acknowledgedBy!: string | null;

  @Field(() => String, { nullable: true })
  acknowledgeNote!: string | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType('EscrowCoverageRow')
export class EscrowCoverageRowObject {
  @Field({ description: 'Township code or institution category' })
  key!: string;

  @Field(() => Int)
  operating!: number;

  @Field(() => Int)
  covered!: number;

  @Field(() => Float, { description: 'covered / operating (1 when none operate)' })
  ratio!: number;
}

@ObjectType('EscrowCoverage', {
  description:
    '资金监管全覆盖: operating institutions covered (an escrow account in use or a valid risk reserve) / all operating institutions',
})
export class EscrowCoverageObject {
  @Field(() => Int)
  operating!: number;

  @Field(() => Int, { description: 'Covered by either route: an escrow account in use or a risk reserve valid today' })
  covered!: number;

  @Field(() => Int, { description: 'Of the covered, those with an escrow account in use (银行托管)' })
  coveredByAccount!: number;

  @Field(() => Int, {
    description:
      'Of the covered, those with a risk reserve valid today (风险保证金); an institution with both counts in each',
  })
  coveredByRiskReserve!: number;

  @Field(() => Float)
  ratio!: number;

  @Field(() => [EscrowCoverageRowObject])
  byTownship!: EscrowCoverageRowObject[];

  @Field(() => [EscrowCoverageRowObject])
  byCategory!: EscrowCoverageRowObject[];
}

@ObjectType('RiskReserve', {
  description: 'Risk reserve (风险保证金): the alternative to bank custody of prepaid fees (教监管函〔2021〕2号)',
})
export class RiskReserveObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field({ description: 'Amount deposited, yuan with two decimals' })
  amount!: string;

  @Field({ description: 'Where it is held (bank and branch)' })
  bankName!: string;

  @Field(() => String, { nullable: true })
  accountNo!: string | null;

  @Field()
  depositedOn!: string;

  @Field(() => String, { nullable: true, description: 'Last day it counts (inclusive); null: no end date' })
  validUntil!: string | null;

  @Field(() => RiskReserveStatusEnum)
  status!: string;

  @Field({ description: 'ACTIVE and past validUntil: it no longer covers the institution' })
  expired!: boolean;

  @Field({ description: 'Covers the institution today (ACTIVE and not expired)' })
  covering!: boolean;

  @Field(() => String, { nullable: true, description: "The institution's township when the reserve was registered" })
  townshipCode!: string | null;

  @Field()
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  releasedAt!: Date | null;

  @Field(() => String, { nullable: true })
  releaseReason!: string | null;
}

export const EscrowAccountConnection = Paginated(EscrowAccountObject, 'EscrowAccount');
export const EscrowAlertConnection = Paginated(EscrowAlertObject, 'EscrowAlert');
