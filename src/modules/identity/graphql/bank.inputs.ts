import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length, Matches } from 'class-validator';
import { BANK_CODE_PATTERN } from '../bank-key.service';

@InputType()
export class RegisterPartnerBankInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9 and _ (e.g. ICBC_XIFENG)' })
  @Matches(BANK_CODE_PATTERN, { message: 'code must be 2–32 characters A-Z, 0-9 and _, starting with a letter' })
  code!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  name!: string;
}
