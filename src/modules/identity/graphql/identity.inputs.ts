import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Role } from '../../../platform/auth/role';
import { PageArgs } from '../../../platform/graphql/pagination';
import { PARTNER_CODE_PATTERN } from '../partner-credentials';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from '../user.rules';

const SCOPE_DESCRIPTION =
  'Department code (DEPARTMENT_OFFICER, INSPECTOR), township code (TOWNSHIP_OFFICER), school id (SCHOOL_ADMIN) or the id of an approved or operating institution (INSTITUTION_ADMIN); none for COUNTY_ADMIN and DISCIPLINE_SUPERVISOR';

@InputType()
export class LoginInput {
  @Field()
  @IsString()
  @Length(1, 100)
  username!: string;

  @Field()
  @IsString()
  @Length(1, 256)
  password!: string;
}

@InputType({ description: 'The first county administrator, with the one-time setup code from the start-up log' })
export class SetupFirstAdminInput {
  @Field({ description: 'The setup code printed in the latest start-up log (spaces and hyphens ignored)' })
  @IsString()
  @Length(1, 100)
  setupCode!: string;

  @Field({ description: '3–64 characters [A-Za-z0-9._-]; stored in lower case' })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3–64 characters [A-Za-z0-9._-], starting with a letter or digit',
  })
  username!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters, not the username` })
  @IsString()
  @Length(1, 256)
  password!: string;
}

@InputType()
export class CreateUserInput {
  @Field({ description: '3–64 characters [A-Za-z0-9._-]; stored in lower case' })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3–64 characters [A-Za-z0-9._-], starting with a letter or digit',
  })
  username!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: SCOPE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  scope?: string;
}

@InputType({
  description:
    'An administrator of one institution (机构端管理员): by the county office, or by an officer of the institution’s competent supervising department',
})
export class CreateInstitutionAdminInput {
  @Field({ description: '3–64 characters [A-Za-z0-9._-]; stored in lower case' })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3–64 characters [A-Za-z0-9._-], starting with a letter or digit',
  })
  username!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @Field(() => ID, { description: 'The institution, approved (APPROVED) or operating (OPERATING)' })
  @IsUUID()
  institutionId!: string;
}

@InputType()
export class UpdateUserRoleInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: SCOPE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  scope?: string;
}

@InputType()
export class ResetUserPasswordInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

@InputType()
export class ChangeMyPasswordInput {
  @Field()
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @Field({
    description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters, not the username, not the current password`,
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field({ nullable: true, description: 'Part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  search?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeDisabled?: boolean;
}

@InputType()
export class RegisterPartnerBankInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9 and _ (e.g. ICBC_XIFENG)' })
  @Matches(PARTNER_CODE_PATTERN, { message: 'code must be 2–32 characters A-Z, 0-9 and _, starting with a letter' })
  code!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  name!: string;
}

@InputType()
export class RegisterPartnerPlatformInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9 and _ (e.g. NATIONAL_PLATFORM)' })
  @Matches(PARTNER_CODE_PATTERN, { message: 'code must be 2–32 characters A-Z, 0-9 and _, starting with a letter' })
  code!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  name!: string;
}
