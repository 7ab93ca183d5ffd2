import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsString, IsUUID, Length, MaxLength } from 'class-validator';

/**
 * What a parent types from the contract: the contract code (合同码, as printed: groups of four, hyphens and
 * spaces and case do not matter) and the last 4 digits of the paying phone. The format is not checked here:
 * a malformed code gets the same answer as an unknown one, and counts against the throttles the same way.
 */
@ArgsType()
export class ParentContractArgs {
  @Field({ description: 'The contract code printed on the contract (合同码), e.g. KAQX-4MHA-R9TD-3WNC' })
  @IsString()
  @MaxLength(40)
  code!: string;

  @Field({ description: 'Last 4 digits of the phone number that paid' })
  @IsString()
  @MaxLength(8)
  phoneLast4!: string;
}

/** The same two fields, first in every parent mutation's input. */
@InputType({ isAbstract: true })
abstract class ParentProofInput {
  @Field({ description: 'The contract code printed on the contract (合同码)' })
  @IsString()
  @MaxLength(40)
  code!: string;

  @Field({ description: 'Last 4 digits of the phone number that paid' })
  @IsString()
  @MaxLength(8)
  phoneLast4!: string;
}

@InputType({ description: 'The parent confirms lesson records (家长确认课时).' })
export class ConfirmPrepaidLessonsInput extends ParentProofInput {
  @Field(() => [ID], { description: 'PENDING lesson records of this contract to confirm (all or nothing)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  lessonIds!: string[];
}

@InputType({ description: 'The parent objects to a lesson record (家长异议).' })
export class ObjectToPrepaidLessonInput extends ParentProofInput {
  @Field(() => ID, { description: 'The PENDING lesson record the parent disputes' })
  @IsUUID()
  lessonId!: string;

  @Field({ description: 'What is wrong with it (1–1000 characters); it becomes the complaint' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@InputType({ description: 'The parent requests a refund of the lessons not taught (家长申请退费).' })
export class RequestPrepaidRefundInput extends ParentProofInput {
  @Field({ description: 'Why the family asks for its money back (1–1000 characters)' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
