import { Field, ObjectType } from '@nestjs/graphql';

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
