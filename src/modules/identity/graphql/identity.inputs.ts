import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Role } from '../../../platform/auth/role';
import { PageArgs } from '../../../platform/graphql/pagination';
import { PARTNER_CODE_PATTERN } from '../partner-credentials';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from '../user.rules';

const SCOPE_DESCRIPTION =
  'Department code (DEPARTMENT_OFFICER, INSPECTOR), township code (TOWNSHIP_OFFICER), school id (SCHOOL_ADMIN) or the id of an approved or operating institution (INSTITUTION_ADMIN); none for COUNTY_ADMIN and DISCIPLINE_SUPERVISOR';

@InputType({ description: 'A username and password to log in with (登录)' })
export class LoginInput {
  @Field({ description: 'The username (any case)' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @Field({ description: 'The password' })
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

@InputType({ description: 'A new user (用户) with a role and its scope' })
export class CreateUserInput {
  @Field({ description: '3–64 characters [A-Za-z0-9._-]; stored in lower case' })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3–64 characters [A-Za-z0-9._-], starting with a letter or digit',
  })
  username!: string;

  @Field({ description: 'The name shown to others (显示名), 1–100 characters' })
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @Field(() => Role, { description: 'The role (角色)' })
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

  @Field({ description: 'The name shown to others (显示名), 1–100 characters' })
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

@InputType({ description: "A user's new role and scope" })
export class UpdateUserRoleInput {
  @Field(() => ID, { description: 'The user' })
  @IsUUID()
  userId!: string;

  @Field(() => Role, { description: 'The role (角色)' })
  @IsEnum(Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: SCOPE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  scope?: string;
}

@InputType({ description: "A user's new password, set by the county office" })
export class ResetUserPasswordInput {
  @Field(() => ID, { description: 'The user' })
  @IsUUID()
  userId!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

@InputType({ description: "The logged-in user's current and new password (修改密码)" })
export class ChangeMyPasswordInput {
  @Field({ description: 'The current password' })
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

@InputType('UserFilter', { description: 'Narrows the list of users; every field given must match' })
export class UserFilterInput {
  @Field(() => Role, { nullable: true, description: 'Users with this role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field({ nullable: true, description: 'Part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  search?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Also list disabled users (default: false)' })
  @IsOptional()
  @IsBoolean()
  includeDisabled?: boolean;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserFilterInput, { nullable: true, description: 'Which users; none: every enabled user' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserFilterInput)
  filter?: UserFilterInput;
}

@InputType({ description: 'Which user to disable' })
export class DisableUserInput {
  @Field(() => ID, { description: 'The user' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

@InputType({ description: 'Which user to enable again' })
export class EnableUserInput {
  @Field(() => ID, { description: 'The user' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

@InputType({ description: 'A new partner bank (合作银行)' })
export class RegisterPartnerBankInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9 and _ (e.g. ICBC_XIFENG)' })
  @Matches(PARTNER_CODE_PATTERN, { message: 'code must be 2–32 characters A-Z, 0-9 and _, starting with a letter' })
  code!: string;

  @Field({ description: 'Name of the bank (e.g. 中国工商银行息烽支行), 1–100 characters' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

@InputType({ description: 'A new partner platform (合作平台)' })
export class RegisterPartnerPlatformInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9 and _ (e.g. NATIONAL_PLATFORM)' })
  @Matches(PARTNER_CODE_PATTERN, { message: 'code must be 2–32 characters A-Z, 0-9 and _, starting with a letter' })
  code!: string;

  @Field({ description: 'Name of the platform (e.g. 全国校外教育培训监管与服务综合平台), 1–100 characters' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

@InputType('BankApiKeyFilter', { description: "Whose API keys: one partner bank's" })
export class BankApiKeyFilterInput {
  @Field({ description: 'The code of the partner bank (e.g. ICBC_XIFENG), required' })
  @IsString()
  @MaxLength(100)
  bankCode!: string;
}

@ArgsType()
export class BankApiKeysArgs {
  @Field(() => BankApiKeyFilterInput, { description: 'Which bank (required)' })
  @ValidateNested()
  @Type(() => BankApiKeyFilterInput)
  filter!: BankApiKeyFilterInput;
}

@InputType({ description: 'Which partner bank gets a new API key' })
export class IssueBankApiKeyInput {
  @Field({ description: 'The code of the partner bank (e.g. ICBC_XIFENG)' })
  @IsString()
  @MaxLength(100)
  bankCode!: string;
}

@InputType({ description: 'Which bank API key to revoke' })
export class RevokeBankApiKeyInput {
  @Field({ description: 'The key id (bk_…)' })
  @IsString()
  @MaxLength(100)
  keyId!: string;
}

@InputType({ description: 'Which partner platform gets a new API key' })
export class IssuePlatformApiKeyInput {
  @Field({ description: 'The code of the partner platform (e.g. NATIONAL_PLATFORM)' })
  @IsString()
  @MaxLength(100)
  platformCode!: string;
}

@InputType({ description: 'Which platform API key to revoke' })
export class RevokePlatformApiKeyInput {
  @Field({ description: 'The key id (pk_…)' })
  @IsString()
  @MaxLength(100)
  keyId!: string;
}

@InputType({ description: 'The credit-sharing platform to register (登记信用信息共享平台)' })
export class RegisterCreditPlatformInput {
  @Field({ description: 'Stable code, 2–32 characters A-Z, 0-9 and _ (e.g. XIFENG_CREDIT) (平台代码)' })
  @Matches(PARTNER_CODE_PATTERN, { message: 'code must be 2–32 characters A-Z, 0-9 and _, starting with a letter' })
  code!: string;

  @Field({ description: 'Name of the platform (e.g. 息烽县信用信息共享平台), 1–100 characters (平台名称)' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

@InputType({ description: 'Which credit-sharing platform gets a new API key (签发密钥)' })
export class IssueCreditPlatformApiKeyInput {
  @Field({ description: 'The code of the credit-sharing platform (e.g. XIFENG_CREDIT) (平台代码)' })
  @IsString()
  @MaxLength(100)
  creditPlatformCode!: string;
}

@InputType({ description: 'Which credit-sharing platform API key to revoke (吊销密钥)' })
export class RevokeCreditPlatformApiKeyInput {
  @Field({ description: 'The key id (ck_…) (密钥编号)' })
  @IsString()
  @MaxLength(100)
  keyId!: string;
}
