import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../../graphql/pagination';
import { JSONScalar } from '../../graphql/json.scalar';

@ObjectType('AuditLogEntry', { description: 'An entry of the append-only audit log (审计日志)' })
export class AuditLogEntryObject {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'user, bank, platform, system or anonymous' })
  actorKind!: string;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true, description: "The API key that signed (a bank's or a platform's)" })
  actorBankKeyId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The user's username, the bank's or platform's code or the process's name at the time",
  })
  actorName!: string | null;

  @Field({ description: 'What was done, e.g. identity.user.created' })
  action!: string;

  @Field()
  entityType!: string;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => JSONScalar, { description: 'What changed' })
  summary!: Record<string, unknown>;
}

export const AuditLogConnection = Paginated(AuditLogEntryObject, 'AuditLogEntry');
