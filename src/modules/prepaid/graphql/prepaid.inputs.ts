import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { PageArgs } from '../../../platform/graphql/pagination';
import { PrepaidContractStatus, PrepaidPaymentRoute } from '../entities/prepaid-contract.entity';
import { PAYMENT_METHODS, PrepaidPaymentMethod } from '../prepaid.types';

export enum PrepaidPaymentMethodEnum {
  BANK_TRANSFER = 'BANK_TRANSFER',
  CARD = 'CARD',
  MOBILE_PAYMENT = 'MOBILE_PAYMENT',
  CASH = 'CASH',
  LOAN = 'LOAN',
}
registerEnumType(PrepaidPaymentMethodEnum, {
  name: 'PrepaidPaymentMethod',
  description: 'How the family pays (支付方式); LOAN (培训贷) is refused with PREPAID_LOAN_REFUSED.',
  valuesMap: {
    BANK_TRANSFER: { description: 'Bank transfer (银行转账).' },
    CARD: { description: 'Bank card (刷卡).' },
    MOBILE_PAYMENT: { description: 'Mobile payment (移动支付).' },
    CASH: { description: 'Cash (现金).' },
    LOAN: { description: 'A training loan (培训贷): refused with PREPAID_LOAN_REFUSED.' },
  },
});

@InputType({ description: 'Registers a prepaid contract (合同备案).' })
export class RegisterPrepaidContractInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "Id of the institution (校外培训机构): required for staff; an institution administrator's own when left out.",
  })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => ID, { description: 'Id of the course (课程) bought.' })
  @IsUUID()
  courseId!: string;

  @Field({ description: 'Student name (学员姓名), 1–50 characters; stored encrypted, shown masked.' })
  @IsString()
  @MaxLength(50)
  studentName!: string;

  @Field({ description: 'Payer name (缴费人姓名), 1–50 characters; stored encrypted, shown masked.' })
  @IsString()
  @MaxLength(50)
  payerName!: string;

  @Field({ description: 'The paying phone; its last 4 digits are the parent’s second factor.' })
  @IsString()
  @MaxLength(24)
  payerPhone!: string;

  @Field(() => Int, { description: 'Lessons bought (购买课时), 1–10000.' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  lessonsBought!: number;

  @Field(() => Int, { nullable: true, description: 'Minutes per lesson, 1–600; the course’s when left out.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  lessonMinutes?: number;

  @Field({ description: 'Price per lesson, yuan with two decimals, e.g. "80.00".' })
  @IsString()
  @MaxLength(16)
  pricePerLesson!: string;

  @Field(() => DateScalar, { description: 'First day of the contract period.' })
  @IsString()
  periodStart!: string;

  @Field(() => DateScalar, {
    description: 'Last day of the contract period: not before periodStart, at most the prepaid months after it.',
  })
  @IsString()
  periodEnd!: string;

  @Field(() => PrepaidPaymentRoute, { description: 'Where the family pays.' })
  @IsIn(Object.values(PrepaidPaymentRoute))
  paymentRoute!: PrepaidPaymentRoute;

  @Field(() => PrepaidPaymentMethodEnum, { description: 'How the family pays.' })
  @IsIn(PAYMENT_METHODS)
  paymentMethod!: PrepaidPaymentMethod;

  @Field({ description: 'The refund terms (退费条款) of the contract, 1–4000 characters.' })
  @IsString()
  @MaxLength(4000)
  refundTerms!: string;
}

@InputType({ description: 'Records lessons taught on a day against a contract (消课).' })
export class RecordPrepaidLessonsInput {
  @Field(() => ID, { description: 'Id of the ACTIVE prepaid contract.' })
  @IsUUID()
  contractId!: string;

  @Field(() => DateScalar, {
    description: 'Business day taught, not in the future, within the contract period and on a scheduled day.',
  })
  @IsString()
  taughtOn!: string;

  @Field(() => Int, { description: 'Lessons taught that day, 1–100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  lessons!: number;
}

@InputType({ description: 'Narrows the prepaid contracts listed; every field given must match.' })
export class PrepaidContractFilter {
  @Field(() => ID, { nullable: true, description: 'Only contracts of this institution (校外培训机构).' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true, description: 'Only contracts in this township (乡镇/街道) code, 6–12 digits.' })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;

  @Field(() => PrepaidContractStatus, { nullable: true, description: 'Only contracts in this status.' })
  @IsOptional()
  @IsIn(Object.values(PrepaidContractStatus))
  status?: PrepaidContractStatus;
}

@ArgsType()
export class PrepaidContractsArgs extends PageArgs {
  @Field(() => PrepaidContractFilter, {
    nullable: true,
    description: 'What to list; all contracts in scope when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrepaidContractFilter)
  filter?: PrepaidContractFilter;
}
