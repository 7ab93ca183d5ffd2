import { Args, ArgsType, Field, ID, InputType, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import { Principal } from '../../auth/principal';
import { Role } from '../../auth/role';
import { Connection, PageArgs, pagedComplexity } from '../../graphql/pagination';
import { AuditLogEntry } from '../audit-log.entity';
import { AuditService } from '../audit.service';
import { AuditLogConnection, AuditLogEntryObject } from './audit-log.object';

@InputType({ description: 'Narrows the audit log; every field given must match (all of them: AND)' })
class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Entries by this user' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @Field({ nullable: true, description: "Entries signed with this bank's or platform's API key" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorBankKeyId?: string;

  @Field({ nullable: true, description: 'Exact action name, e.g. identity.login.failed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true, description: 'Exact kind of record, e.g. institution' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @Field({ nullable: true, description: 'Exact id or code of the record' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Field({ nullable: true, description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Until this instant (exclusive)' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Which entries; none: every entry' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}

@Resolver(() => AuditLogEntryObject)
export class AuditLogResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditLogConnection, {
    description: 'The audit log, newest first (审计日志; 县"双减"办 and 县纪委县监委 only)',
    complexity: pagedComplexity,
  })
  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  auditLog(@CurrentPrincipal() actor: Principal, @Args() args: AuditLogArgs): Promise<Connection<AuditLogEntry>> {
    return this.audit.list(actor, args.filter ?? {}, args);
  }
}
