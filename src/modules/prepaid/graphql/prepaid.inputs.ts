import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
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
  description: 'How the family pays; LOAN (培训贷) is refused with PREPAID_LOAN_REFUSED',
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class RegisterPrepaidContractInput {
  @Field(() => ID, {
    nullable: true,
    description: "Required for staff; an institution administrator's own when left out",
  })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => ID)
  @IsUUID()
  courseId!: string;

  @Field()
  @IsString()
  @MaxLength(50)
  studentName!: string;

  @Field()
  @IsString()
  @MaxLength(50)
  payerName!: string;

  @Field({ description: 'The paying phone; its last 4 digits are the parent’s second factor' })
  @IsString()
  @MaxLength(24)
  payerPhone!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(10_000)
  lessonsBought!: number;

  @Field(() => Int, { nullable: true, description: 'Minutes per lesson; the course’s when left out' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  lessonMinutes?: number;

  @Field({ description: 'Yuan with two decimals, e.g. "80.00"' })
  @IsString()
  @MaxLength(16)
  pricePerLesson!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE)
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD; at most prepaid months after periodStart' })
  @Matches(DATE)
  periodEnd!: string;

  @Field(() => PrepaidPaymentRoute)
  @IsIn(Object.values(PrepaidPaymentRoute))
  paymentRoute!: PrepaidPaymentRoute;

  @Field(() => PrepaidPaymentMethodEnum)
  @IsIn(PAYMENT_METHODS)
  paymentMethod!: PrepaidPaymentMethod;

  @Field()
  @IsString()
  @MaxLength(4000)
  refundTerms!: string;
}

@InputType()
export class RecordPrepaidLessonsInput {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field({ description: 'Business date YYYY-MM-DD, not in the future' })
  @Matches(DATE)
  taughtOn!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  lessons!: number;
}

@ArgsType()
export class PrepaidContractsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{6,12}$/)
  townshipCode?: string;

  @Field(() => PrepaidContractStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(PrepaidContractStatus))
  status?: PrepaidContractStatus;
}
