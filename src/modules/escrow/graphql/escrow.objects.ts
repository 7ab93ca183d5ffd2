import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { JSONScalar } from '../../../platform/graphql/json.scalar';
import { Paginated } from '../../../platform/graphql/pagination';
import { InstitutionCategory, InstitutionStatus } from '../../registry';
import { TXN_TYPES, TxnType } from '../rest/bank-items';

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
/** The movement types a bank posts (docs/bank-api.md), as a GraphQL enum. */
export const EscrowTransactionTypeEnum = Object.fromEntries(TXN_TYPES.map((t) => [t, t])) as {
  [K in TxnType]: K;
};

registerEnumType(EscrowAccountStatusEnum, {
  name: 'EscrowAccountStatus',
  description: 'Status of an escrow account (监管账户状态).',
  valuesMap: {
    ACTIVE: { description: 'In use: deposits are taken and released (正常).' },
    FROZEN: { description: 'Frozen by the bank on a FREEZE instruction (冻结); nothing is paid out.' },
    CLOSED: { description: 'Closed (注销); kept for the record.' },
  },
});
registerEnumType(EscrowAlertTypeEnum, {
  name: 'EscrowAlertType',
  description: 'What an escrow alert (资金监管预警) is about.',
  valuesMap: {
    SHORTFALL: { description: 'The reported balance is below the required custody (余额不足).' },
    RECONCILIATION_MISMATCH: {
      description: "Opening balance plus the day's movements is not the closing balance (对账不符).",
    },
    ABNORMAL_RELEASE: { description: 'Releases in 24 hours above the county share of custody (异常划转).' },
    PREPAID_LIMIT_EXCEEDED: {
      description: 'A deposit above the county prepaid caps in yuan, lesson hours or months (超限预收费).',
    },
    STALE_REPORT: { description: 'The bank did not post the statement by the county deadline (未按时报送).' },
    NO_ESCROW_ACCOUNT: {
      description: 'An operating institution with neither an escrow account nor a valid risk reserve (未开设监管账户).',
    },
    RELEASE_OVER_RELEASABLE: {
      description: 'A release above what confirmed lessons earned (划转超过已消课金额).',
    },
    DEPOSIT_UNMATCHED: { description: 'A deposit no registered prepaid contract matches (入账未匹配合同).' },
    REFUND_OVERDUE: { description: 'An approved refund the bank did not pay in time (退费逾期未执行).' },
  },
});
registerEnumType(EscrowAlertStatusEnum, {
  name: 'EscrowAlertStatus',
  description: 'Where an escrow alert stands: OPEN → ACKNOWLEDGED → RESOLVED.',
  valuesMap: {
    OPEN: { description: 'Raised and not yet followed up (待处置).' },
    ACKNOWLEDGED: { description: 'Someone follows it up (已认领); it still resolves by itself.' },
    RESOLVED: { description: 'Its condition cleared (已解除).' },
  },
});
registerEnumType(InstructionActionEnum, {
  name: 'BankInstructionAction',
  description: 'What an instruction (监管指令) tells the bank to do.',
  valuesMap: {
    FREEZE: { description: 'Freeze the account (冻结), issued by the county office.' },
    UNFREEZE: { description: 'Unfreeze the account (解冻), issued by the county office.' },
    RELEASE: {
      description: 'Pay custody earned by confirmed lessons to the institution (一课一消划转), issued by the service.',
    },
    REFUND: { description: 'Pay a refund back to a family (退费), issued by the service.' },
  },
});
registerEnumType(InstructionStatusEnum, {
  name: 'BankInstructionStatus',
  description: 'Where an instruction stands: PENDING until the bank acknowledges it.',
  valuesMap: {
    PENDING: { description: 'Waiting for the bank (待执行).' },
    EXECUTED: { description: 'The bank carried it out (已执行).' },
    REFUSED: { description: 'The bank refused it, with a note (已拒绝).' },
  },
});
registerEnumType(RiskReserveStatusEnum, {
  name: 'RiskReserveStatus',
  description: 'Where a risk reserve (风险保证金) stands.',
  valuesMap: {
    ACTIVE: { description: 'Held (在存); it covers the institution until validUntil.' },
    RELEASED: { description: 'Given back to the institution (退还).' },
  },
});
registerEnumType(EscrowTransactionTypeEnum, {
  name: 'EscrowTransactionType',
  description: 'Kind of account movement (资金流水类型) a bank posts.',
  valuesMap: {
    DEPOSIT: { description: 'Prepaid fee paid in by a family (预收费入账).' },
    RELEASE: { description: 'Paid out to the institution for lessons delivered (一课一消划转).' },
    REFUND: { description: 'Paid back to a family (退费).' },
    INTEREST: { description: 'Interest credited by the bank (利息).' },
    FEE: { description: 'Bank charge (手续费).' },
    REVERSAL: { description: 'Undoes an earlier movement named by reversalOf (冲正).' },
  },
});

@ObjectType('EscrowInstitution', { description: 'The institution (校外培训机构) an escrow account belongs to.' })
export class EscrowInstitutionObject {
  @Field(() => ID, { description: 'Id of the institution.' })
  id!: string;

  @Field({ description: 'Registered name of the institution (机构名称).' })
  name!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码).' })
  creditCode!: string;

  @Field(() => InstitutionCategory, { description: 'Subject or non-subject training (机构类别).' })
  category!: string;

  @Field(() => InstitutionStatus, { description: 'Licensing status of the institution (机构状态).' })
  status!: string;

  @Field({ description: 'Code of the township (乡镇/街道) the institution is registered in.' })
  townshipCode!: string;
}

@ObjectType('EscrowStatement', { description: 'End-of-day balance statement (日终对账单) posted by the bank.' })
export class EscrowStatementObject {
  @Field(() => DateScalar, { description: 'Business day the statement covers (对账日期).' })
  statementDate!: string;

  @Field(() => Int, { description: 'Revision number; a higher revision supersedes a lower one for the same date.' })
  revision!: number;

  @Field({ description: 'Opening balance (期初余额), yuan with two decimals.' })
  openingBalance!: string;

  @Field({ description: 'Closing balance (期末余额), yuan with two decimals.' })
  closingBalance!: string;

  @Field({ description: 'When the service received the statement.' })
  receivedAt!: Date;

  @Field({ description: 'Id of the bank API key that sent it.' })
  keyId!: string;
}

@ObjectType('EscrowTransaction', { description: 'Account movement (资金流水) posted by the bank.' })
export class EscrowTransactionObject {
  @Field({ description: "The bank's own id of the movement (流水号), unique per account." })
  txnId!: string;

  @Field({ description: 'When the bank booked the movement.' })
  bookedAt!: Date;

  @Field(() => EscrowTransactionTypeEnum, { description: 'Kind of movement.' })
  type!: string;

  @Field({ description: 'Amount, yuan with two decimals.' })
  amount!: string;

  @Field(() => String, { nullable: true, description: "The payer's reference as the bank reports it, if any." })
  payerRef!: string | null;

  @Field(() => Int, { nullable: true, description: 'Lesson hours a DEPOSIT pays for (课时), if reported.' })
  lessonHours!: number | null;

  @Field(() => Int, { nullable: true, description: 'Months a DEPOSIT covers, if reported.' })
  coverageMonths!: number | null;

  @Field(() => String, { nullable: true, description: 'REVERSAL only: the txnId it undoes.' })
  reversalOf!: string | null;

  @Field(() => String, { nullable: true, description: "The bank's free-text memo (摘要)." })
  memo!: string | null;

  @Field({ description: 'When the service received the movement.' })
  receivedAt!: Date;
}

@ObjectType('BankInstruction', { description: 'Instruction (监管指令) to the bank holding an account.' })
export class BankInstructionObject {
  @Field(() => ID, { description: 'Id of the instruction.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the escrow account it concerns.' })
  accountId!: string;

  @Field(() => InstructionActionEnum, { description: 'What the bank is told to do.' })
  action!: string;

  @Field({ description: 'Why it was issued (free text).' })
  reason!: string;

  @Field(() => InstructionStatusEnum, { description: 'Where the instruction stands.' })
  status!: string;

  @Field({ description: 'When it was issued.' })
  issuedAt!: Date;

  @Field({ description: 'Who issued it: the officer, or the service for RELEASE and REFUND.' })
  issuedBy!: string;

  @Field(() => Date, { nullable: true, description: 'When the bank says it executed (or refused) it.' })
  executedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The bank's note with its acknowledgement." })
  note!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the bank acknowledged it; null while PENDING.' })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was escalated for want of an acknowledgement.' })
  escalatedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'RELEASE / REFUND: the amount, yuan with two decimals ("123.45"); null otherwise.',
  })
  amount!: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'RELEASE / REFUND: ids of the prepaid contracts covered; null otherwise.',
  })
  contractIds!: string[] | null;
}

@ObjectType('EscrowAccount', {
  implements: () => [NodeInterface],
  description: 'Escrow account (监管账户) a partner bank holds for an institution.',
})
export class EscrowAccountObject {
  @Field(() => ID, { description: 'Id of the account.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) the account belongs to.' })
  institutionId!: string;

  @Field({ description: 'Code of the partner bank (合作银行) holding the account.' })
  bankCode!: string;

  @Field({ description: 'Account number at the bank (监管账户账号).' })
  accountNo!: string;

  @Field(() => EscrowAccountStatusEnum, { description: 'Status of the account.' })
  status!: string;

  @Field(() => String, {
    nullable: true,
    description: "The institution's township (乡镇/街道) code when the account was opened.",
  })
  townshipCode!: string | null;

  @Field(() => DateScalar, { description: 'Business day the account was opened (开户日期).' })
  openedOn!: string;

  @Field({
    description: 'Required custody (应监管资金) = deposits − releases − refunds (± reversals), yuan with two decimals.',
  })
  requiredCustody!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Business day of the latest statement the bank posted; null before the first.',
  })
  lastStatementDate!: string | null;

  @Field({ description: 'When the account was registered with the service.' })
  openedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the account was closed (注销); null while open.' })
  closedAt!: Date | null;
}

@ObjectType('EscrowAlert', { description: 'Escrow alert (资金监管预警).' })
export class EscrowAlertObject {
  @Field(() => ID, { description: 'Id of the alert.' })
  id!: string;

  @Field(() => EscrowAlertTypeEnum, { description: 'What the alert is about.' })
  type!: string;

  @Field(() => EscrowAlertStatusEnum, { description: 'Where the alert stands.' })
  status!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Id of the escrow account; null for NO_ESCROW_ACCOUNT, and for REFUND_OVERDUE or DEPOSIT_UNMATCHED of an institution without an account in use.',
  })
  accountId!: string | null;

  @Field(() => String, { nullable: true, description: 'Account number of that account, if any.' })
  accountNo!: string | null;

  @Field(() => String, { nullable: true, description: 'Partner bank code of that account, if any.' })
  bankCode!: string | null;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) concerned.' })
  institutionId!: string;

  @Field(() => String, { nullable: true, description: 'Township (乡镇/街道) code of the institution, if known.' })
  townshipCode!: string | null;

  @Field(() => JSONScalar, { description: 'The figures behind the alert (amounts in yuan, dates YYYY-MM-DD).' })
  details!: Record<string, unknown>;

  @Field({ description: 'When the alert was raised.' })
  raisedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When someone acknowledged it; null if nobody has.' })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who acknowledged it.' })
  acknowledgedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The note given with the acknowledgement.' })
  acknowledgeNote!: string | null;

  @Field(() => Date, { nullable: true, description: 'When its condition cleared; null while unresolved.' })
  resolvedAt!: Date | null;
}

@ObjectType('EscrowCoverageRow', { description: 'Escrow coverage (资金监管覆盖率) of one township or category.' })
export class EscrowCoverageRowObject {
  @Field({ description: 'Township (乡镇/街道) code, or institution category (SUBJECT, NON_SUBJECT).' })
  key!: string;

  @Field(() => Int, { description: 'Operating institutions (在营机构) in the group.' })
  operating!: number;

  @Field(() => Int, { description: 'Of those, the ones covered by an escrow account in use or a valid risk reserve.' })
  covered!: number;

  @Field(() => Float, { description: 'Share covered: covered / operating, 0 to 1 (1 when none operate).' })
  ratio!: number;
}

@ObjectType('EscrowCoverage', {
  description:
    'Escrow coverage (资金监管全覆盖): operating institutions covered (an escrow account in use or a valid risk reserve) / all operating institutions.',
})
export class EscrowCoverageObject {
  @Field(() => Int, { description: 'Operating institutions (在营机构) the caller may read.' })
  operating!: number;

  @Field(() => Int, {
    description: 'Covered by either route: an escrow account in use or a risk reserve valid today.',
  })
  covered!: number;

  @Field(() => Int, { description: 'Of the covered, those with an escrow account in use (银行托管).' })
  coveredByAccount!: number;

  @Field(() => Int, {
    description:
      'Of the covered, those with a risk reserve valid today (风险保证金); an institution with both counts in each.',
  })
  coveredByRiskReserve!: number;

  @Field(() => Float, { description: 'Share covered: covered / operating, 0 to 1 (1 when none operate).' })
  ratio!: number;

  @Field(() => [EscrowCoverageRowObject], { description: 'The same figures per township (乡镇/街道).' })
  byTownship!: EscrowCoverageRowObject[];

  @Field(() => [EscrowCoverageRowObject], { description: 'The same figures per institution category (机构类别).' })
  byCategory!: EscrowCoverageRowObject[];
}

@ObjectType('RiskReserve', {
  description: 'Risk reserve (风险保证金): the alternative to bank custody of prepaid fees (教监管函〔2021〕2号).',
})
export class RiskReserveObject {
  @Field(() => ID, { description: 'Id of the reserve.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the institution (校外培训机构) that deposited it.' })
  institutionId!: string;

  @Field({ description: 'Amount deposited, yuan with two decimals.' })
  amount!: string;

  @Field({ description: 'Where it is held (bank and branch).' })
  bankName!: string;

  @Field(() => String, { nullable: true, description: 'Account number at that bank, if given.' })
  accountNo!: string | null;

  @Field(() => DateScalar, { description: 'Business day of the deposit (缴存日期).' })
  depositedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it counts (inclusive); null: no end date.' })
  validUntil!: string | null;

  @Field(() => RiskReserveStatusEnum, { description: 'Where the reserve stands.' })
  status!: string;

  @Field({ description: 'ACTIVE and past validUntil: it no longer covers the institution.' })
  expired!: boolean;

  @Field({ description: 'Covers the institution today (ACTIVE and not expired).' })
  covering!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The institution's township (乡镇/街道) code when the reserve was registered.",
  })
  townshipCode!: string | null;

  @Field({ description: 'When the reserve was registered with the service.' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was released (退还); null while ACTIVE.' })
  releasedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was released; null while ACTIVE.' })
  releaseReason!: string | null;
}

export const EscrowAccountConnection = Paginated(EscrowAccountObject, 'EscrowAccount');
export const EscrowAlertConnection = Paginated(EscrowAlertObject, 'EscrowAlert');
