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
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Scope of DEPARTMENT_OFFICER and INSPECTOR' })
  departmentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Scope of TOWNSHIP_OFFICER' })
  townshipCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'Scope of SCHOOL_ADMIN' })
  schoolId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Scope of INSTITUTION_ADMIN' })
  institutionId!: string | null;

  @Field()
  disabled!: boolean;

  @Field()
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

@ObjectType('LoginPayload')
export class LoginPayloadObject {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => UserObject)
  user!: UserObject;
}

@ObjectType('PartnerBank', { description: 'Partner bank holding escrow accounts (合作银行)' })
export class PartnerBankObject {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('BankApiKey', { description: 'An API key of a partner bank (the secret is never shown again)' })
export class BankApiKeyObject {
  @Field()
  keyId!: string;

  @Field()
  bankCode!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field()
  active!: boolean;
}

@ObjectType('IssuedBankApiKey', { description: 'A new API key with its secret: shown this once, store it safely' })
export class IssuedBankApiKeyObject {
  @Field()
  keyId!: string;

  @Field()
  bankCode!: string;

  @Field({ description: 'HMAC-SHA256 secret (its UTF-8 bytes are the key); not retrievable later' })
  secret!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('PartnerPlatform', {
  description: 'Partner platform sending contracts and lesson records (the national or provincial platform)',
})
export class PartnerPlatformObject {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('PlatformApiKey', { description: 'An API key of a partner platform (the secret is never shown again)' })
export class PlatformApiKeyObject {
  @Field()
  keyId!: string;

  @Field()
  platformCode!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field()
  active!: boolean;
}

@ObjectType('IssuedPlatformApiKey', {
  description: 'A new platform API key with its secret: shown this once, store it safely',
})
export class IssuedPlatformApiKeyObject {
  @Field()
  keyId!: string;

  @Field()
  platformCode!: string;

  @Field({ description: 'HMAC-SHA256 secret (its UTF-8 bytes are the key); not retrievable later' })
  secret!: string;

  @Field()
  createdAt!: Date;
}
