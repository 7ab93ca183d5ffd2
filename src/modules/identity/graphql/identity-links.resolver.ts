import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { AuditLogEntryObject } from '../../../platform/audit/graphql/audit-log.object';
import { GqlContext } from '../../../platform/graphql/context';
import { ReferenceFacade, SchoolObject } from '../../reference';
import { InstitutionObject, RegistryFacade } from '../../registry';
import { IdentityFacade } from '../identity.facade';
import { UserObject } from './identity.objects';

/** A user's scope as objects: the school of a school administrator, the institution of an institution administrator. */
@Resolver(() => UserObject)
export class UserLinksResolver {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
  ) {}

  @ResolveField(() => SchoolObject, {
    nullable: true,
    description: 'The school (学校) of `schoolId` (SCHOOL_ADMIN); null when none or the caller may not read it',
  })
  school(@CurrentPrincipal() actor: Principal, @Parent() user: UserObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, user.schoolId);
  }

  @ResolveField(() => InstitutionObject, {
    nullable: true,
    description:
      'The institution (校外培训机构) of `institutionId` (INSTITUTION_ADMIN); null when none or the caller may not read it',
  })
  institution(
    @CurrentPrincipal() actor: Principal,
    @Parent() user: UserObject,
    @Context() ctx: GqlContext,
  ): Promise<InstitutionObject | null> {
    return this.registry.institutionLink(ctx.loaders, actor, user.institutionId);
  }
}

/** The audit entry's acting person as a `User` (one statement per page through the identity loader). */
@Resolver(() => AuditLogEntryObject)
export class AuditLogEntryLinksResolver {
  constructor(private readonly identity: IdentityFacade) {}

  @ResolveField(() => UserObject, {
    nullable: true,
    description:
      'The user (用户) of `actorUserId`; null when none (a bank, platform or the service acted) or the caller may not read users',
  })
  actorUser(
    @CurrentPrincipal() actor: Principal,
    @Parent() entry: AuditLogEntryObject,
    @Context() ctx: GqlContext,
  ): Promise<UserObject | null> {
    return this.identity.userLink(ctx.loaders, actor, entry.actorUserId);
  }
}
