import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { Role } from '../../../platform/auth/role';
import { Paginated } from '../../../platform/graphql/pagination';
import { User } from '../entities/user.entity';

registerEnumType(Role, {
  name: 'Role',
  description: 'Role of a user (角色)',
  valuesMap: {
    COUNTY_ADMIN: { description: 'County leading-group office (县"双减"工作领导小组办公室): everything' },
    DEPARTMENT_OFFICER: { description: 'Member department officer (成员单位); scope: a department code' },
    TOWNSHIP_OFFICER: {
      description: 'Township or street officer, grid worker (乡镇/街道, 网格员); scope: a township code',
    },
    SCHOOL_ADMIN: { description: 'School administrator (学校); scope: a school id' },
    INSPECTOR: { description: 'Inspector (督导/执法人员); scope: a department code' },
    DISCIPLINE_SUPERVISOR: {
      description: 'Discipline supervisor (县纪委县监委): reads everything, including the audit log',
    },
    INSTITUTION_ADMIN: {
      description:
        'Institution administrator (机构端): its own institution’s records, contracts, refunds and complaints about it; scope: an institution id',
    },
  },
});

@ObjectType('User', {
  implements: () => [NodeInterface],
  description: 'A person who uses the service (用户)',
})
export class UserObject {
  @Field(() => ID, { description: 'The id (a UUID) of the user' })
  id!: string;

  @Field({ description: 'The username (用户名), in lower case' })
  username!: string;

  @Field({ description: 'The name shown to others (显示名)' })
  displayName!: string;

  @Field(() => Role, { description: 'The role (角色); what the user sees and does' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Scope of DEPARTMENT_OFFICER and INSPECTOR' })
  departmentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Scope of TOWNSHIP_OFFICER' })
  townshipCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'Scope of SCHOOL_ADMIN' })
  schoolId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Scope of INSTITUTION_ADMIN' })
  institutionId!: string | null;

  @Field({ description: 'True once disabled: no logins, access tokens refused' })
  disabled!: boolean;

  @Field({ description: 'When the user was created' })
  createdAt!: Date;

  static from(user: User): UserObject {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      departmentCode: user.departmentCode,
      townshipCode: user.townshipCode,
      schoolId: user.schoolId,
      institutionId: user.institutionId,
      disabled: user.disabledAt !== null,
      createdAt: user.createdAt,
    };
  }
}

export const UserConnection = Paginated(UserObject, 'User');

@ObjectType('LoginPayload', { description: 'A fresh access token (访问令牌) and the user it is for' })
export class LoginPayloadObject {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @Field({ description: 'When the access token stops working; log in again then' })
  expiresAt!: Date;

  @Field(() => UserObject, { description: 'The logged-in user' })
  user!: UserObject;
}

@ObjectType('PartnerBank', { description: 'Partner bank holding escrow accounts (合作银行)' })
export class PartnerBankObject {
  @Field({ description: 'Stable code of the bank (e.g. ICBC_XIFENG); the bank API names it' })
  code!: string;

  @Field({ description: 'Name of the bank' })
  name!: string;

  @Field({ description: 'When the bank was registered' })
  createdAt!: Date;
}

@ObjectType('BankApiKey', { description: 'An API key of a partner bank (the secret is never shown again)' })
export class BankApiKeyObject {
  @Field({ description: 'The key id (bk_…), sent with every signed request' })
  keyId!: string;

  @Field({ description: 'The bank the key belongs to' })
  bankCode!: string;

  @Field({ description: 'When the key was issued' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while active' })
  revokedAt!: Date | null;

  @Field({ description: 'True until the key is revoked' })
  active!: boolean;
}

@ObjectType('IssuedBankApiKey', { description: 'A new API key with its secret: shown this once, store it safely' })
export class IssuedBankApiKeyObject {
  @Field({ description: 'The key id (bk_…), sent with every signed request' })
  keyId!: string;

  @Field({ description: 'The bank the key belongs to' })
  bankCode!: string;

  @Field({ description: 'HMAC-SHA256 secret (its UTF-8 bytes are the key); not retrievable later' })
  secret!: string;

  @Field({ description: 'When the key was issued' })
  createdAt!: Date;
}

@ObjectType('PartnerPlatform', {
  description: 'Partner platform sending contracts and lesson records (the national or provincial platform)',
})
export class PartnerPlatformObject {
  @Field({ description: 'Stable code of the platform (e.g. NATIONAL_PLATFORM); the platform API names it' })
  code!: string;

  @Field({ description: 'Name of the platform' })
  name!: string;

  @Field({ description: 'When the platform was registered' })
  createdAt!: Date;
}

@ObjectType('PlatformApiKey', { description: 'An API key of a partner platform (the secret is never shown again)' })
export class PlatformApiKeyObject {
  @Field({ description: 'The key id (pk_…), sent with every signed request' })
  keyId!: string;

  @Field({ description: 'The platform the key belongs to' })
  platformCode!: string;

  @Field({ description: 'When the key was issued' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while active' })
  revokedAt!: Date | null;

  @Field({ description: 'True until the key is revoked' })
  active!: boolean;
}

@ObjectType('IssuedPlatformApiKey', {
  description: 'A new platform API key with its secret: shown this once, store it safely',
})
export class IssuedPlatformApiKeyObject {
  @Field({ description: 'The key id (pk_…), sent with every signed request' })
  keyId!: string;

  @Field({ description: 'The platform the key belongs to' })
  platformCode!: string;

  @Field({ description: 'HMAC-SHA256 secret (its UTF-8 bytes are the key); not retrievable later' })
  secret!: string;

  @Field({ description: 'When the key was issued' })
  createdAt!: Date;
}

@ObjectType('CreditPlatform', {
  description: "The county's credit-sharing platform (信用信息共享平台) pulling the credit feed",
})
export class CreditPlatformObject {
  @Field({ description: 'Stable code of the platform (e.g. XIFENG_CREDIT) (平台代码)' })
  code!: string;

  @Field({ description: 'Name of the platform (平台名称)' })
  name!: string;

  @Field({ description: 'When the platform was registered (登记时间)' })
  createdAt!: Date;
}

@ObjectType('CreditPlatformApiKey', {
  description: 'An API key of the credit-sharing platform (信用平台接口密钥); the secret is never shown again',
})
export class CreditPlatformApiKeyObject {
  @Field({ description: 'The key id (ck_…), sent with every signed pull (密钥编号)' })
  keyId!: string;

  @Field({ description: 'The credit-sharing platform the key belongs to (平台代码)' })
  creditPlatformCode!: string;

  @Field({ description: 'When the key was issued (签发时间)' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while active (吊销时间)' })
  revokedAt!: Date | null;

  @Field({ description: 'True until the key is revoked (是否有效)' })
  active!: boolean;
}

@ObjectType('IssuedCreditPlatformApiKey', {
  description: 'A new credit-sharing platform API key with its secret: shown this once, store it safely (新签发的密钥)',
})
export class IssuedCreditPlatformApiKeyObject {
  @Field({ description: 'The key id (ck_…), sent with every signed pull (密钥编号)' })
  keyId!: string;

  @Field({ description: 'The credit-sharing platform the key belongs to (平台代码)' })
  creditPlatformCode!: string;

  @Field({ description: 'HMAC-SHA256 secret (its UTF-8 bytes are the key); not retrievable later (密钥)' })
  secret!: string;

  @Field({ description: 'When the key was issued (签发时间)' })
  createdAt!: Date;
}
