import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import { PrepaidContractSource, PrepaidContractStatus, PrepaidPaymentRoute } from '../entities/prepaid-contract.entity';
import { PrepaidConfirmedBy, PrepaidLessonStatus } from '../entities/prepaid-lesson.entity';

registerEnumType(PrepaidContractStatus, {
  name: 'PrepaidContractStatus',
  description: 'Where a prepaid contract stands',
});
registerEnumType(PrepaidPaymentRoute, {
  name: 'PrepaidPaymentRoute',
  description: 'Where the family pays: the escrow account (银行托管) or the risk-reserve route (风险保证金)',
});
registerEnumType(PrepaidContractSource, { name: 'PrepaidContractSource' });
registerEnumType(PrepaidLessonStatus, { name: 'PrepaidLessonStatus' });
registerEnumType(PrepaidConfirmedBy, { name: 'PrepaidConfirmedBy' });

@ObjectType('PrepaidLesson', { description: 'Lessons taught on a day against a contract (消课记录)' })
export class PrepaidLessonObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  contractId!: string;

  @Field({ description: 'Business date YYYY-MM-DD' })
  taughtOn!: string;

  @Field(() => Int)
  lessons!: number;

  @Field()
  recordedAt!: Date;

  @Field()
  recordedBy!: string;

  @Field(() => PrepaidLessonStatus)
  status!: PrepaidLessonStatus;

  @Field({ description: 'Confirmed automatically on this business date without the parent’s answer (stored)' })
  confirmDueOn!: string;

  @Field(() => Date, { nullable: true })
  confirmedAt!: Date | null;

  @Field(() => PrepaidConfirmedBy, { nullable: true })
  confirmedBy!: PrepaidConfirmedBy | null;

  @Field(() => ID, { nullable: true, description: 'The complaint the parent’s objection opened' })
  objectionComplaintId!: string | null;
}

@ObjectType('PrepaidContract', {
  implements: () => [NodeInterface],
  description: 'A prepaid training contract (预付费合同, model text GF-2021-2604); personal data masked',
})
export class PrepaidContractObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field()
  townshipCode!: string;

  @Field(() => ID)
  courseId!: string;

  @Field({ description: 'Masked (张*)' })
  studentName!: string;

  @Field({ description: 'Masked (李*)' })
  payerName!: string;

  @Field({ description: 'Masked (138****1234)' })
  payerPhone!: string;

  @Field(() => Int)
  lessonsBought!: number;

  @Field(() => Int)
  lessonMinutes!: number;

  @Field({ description: 'Yuan with two decimals' })
  pricePerLesson!: string;

  @Field({ description: 'Yuan with two decimals' })
  total!: string;

  @Field()
  periodStart!: string;

  @Field()
  periodEnd!: string;

  @Field(() => PrepaidPaymentRoute)
  paymentRoute!: PrepaidPaymentRoute;

  @Field(() => ID, { nullable: true })
  escrowAccountId!: string | null;

  @Field()
  refundTerms!: string;

  @Field()
  modelTextVersion!: string;

  @Field(() => PrepaidContractStatus)
  status!: PrepaidContractStatus;

  @Field(() => PrepaidContractSource)
  source!: PrepaidContractSource;

  @Field()
  createdAt!: Date;

  @Field()
  createdBy!: string;

  @Field({ description: 'Whether a bank deposit was matched to the contract' })
  depositMatched!: boolean;

  @Field(() => Int, { description: 'Lessons recorded and not objected (pending + confirmed)' })
  lessonsTaught!: number;

  @Field(() => Int)
  lessonsConfirmed!: number;

  @Field(() => Int, { description: 'Lessons bought less those taught' })
  lessonsLeft!: number;

  @Field({ description: 'Yuan released from custody for this contract' })
  released!: string;

  @Field({ description: 'Yuan refunded to the payer' })
  refunded!: string;
}

export const PrepaidContractConnection = Paginated(PrepaidContractObject, 'PrepaidContract');

@ObjectType('RegisteredPrepaidContract', {
  description: 'A contract just registered, with its contract code: shown this once, to print on the contract',
})
export class RegisteredPrepaidContractObject {
  @Field({ description: 'The contract code (合同码) XXXX-XXXX-XXXX-XXXX; never shown again' })
  contractCode!: string;

  @Field(() => PrepaidContractObject)
  contract!: PrepaidContractObject;
}
