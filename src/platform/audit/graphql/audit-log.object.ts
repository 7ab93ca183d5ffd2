import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '../../graphql/pagination';
import { JSONScalar } from '../../graphql/json.scalar';
import { AuditActorKind } from '../audit-log.entity';

/** The kinds of actor an audit entry names, as GraphQL enum values (the column holds the lower-case word). */
export const AuditActorKindEnum = {
  USER: 'user',
  BANK: 'bank',
  PLATFORM: 'platform',
  CREDIT_PLATFORM: 'credit_platform',
  SYSTEM: 'system',
  ANONYMOUS: 'anonymous',
} as const satisfies Record<string, AuditActorKind>;

registerEnumType(AuditActorKindEnum, {
  name: 'AuditActorKind',
  description: 'Who did what an audit log entry records (操作主体)',
  valuesMap: {
    USER: { description: 'A logged-in user (用户), named by actorUserId and actorName' },
    BANK: { description: 'A partner bank (合作银行) calling the bank API, named by actorBankKeyId and actorName' },
    PLATFORM: {
      description: 'A partner platform (合作平台) calling the platform API, named by actorBankKeyId and actorName',
    },
    CREDIT_PLATFORM: {
      description:
        'The credit-sharing platform (信用信息共享平台) calling the credit feed, named by actorBankKeyId and actorName',
    },
    SYSTEM: { description: 'The service itself: a scheduled task, a worker or the command line (系统)' },
    ANONYMOUS: { description: 'A caller without a login, e.g. a public complaint or a failed login (匿名)' },
  },
});

@ObjectType('AuditLogEntry', { description: 'An entry of the append-only audit log (审计日志)' })
export class AuditLogEntryObject {
  @Field(() => ID, { description: 'The id (a UUID) of the entry' })
  id!: string;

  @Field({ description: 'When it was done' })
  occurredAt!: Date;

  @Field(() => AuditActorKindEnum, { description: 'Who did it: a user, a bank, a platform, the service or anonymous' })
  actorKind!: AuditActorKind;

  @Field(() => ID, { nullable: true, description: 'The user who did it (actorKind USER), else null' })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true, description: "The API key that signed (a bank's or a platform's)" })
  actorBankKeyId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The user's username, the bank's or platform's code or the process's name at the time",
  })
  actorName!: string | null;

  @Field({ description: 'What was done, e.g. identity.user.created (<module>.<record>.<verb>)' })
  action!: string;

  @Field({ description: 'The kind of record it was done to, e.g. user, institution, prepaid_contract' })
  entityType!: string;

  @Field(() => String, { nullable: true, description: 'The id or code of the record it was done to' })
  entityId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The X-Request-Id of the request that did it (null for scheduled work)',
  })
  requestId!: string | null;

  @Field(() => JSONScalar, { description: 'What changed, as a JSON object (secrets redacted)' })
  summary!: Record<string, unknown>;
}

export const AuditLogConnection = Paginated(AuditLogEntryObject, 'AuditLogEntry', 'audit log entry');
