import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Loaders, loadLink, loadLinks } from '../../platform/graphql/loaders';
import { UUID } from '../../platform/ids/uuid';
import { UserObject } from './graphql/identity.objects';
import { UserSummaryObject } from './graphql/user-summary.object';
import { IdentityQueries } from './identity.queries';
import { IssuedPlatformKey, PlatformKeyService } from './platform-key.service';
import { BankKeyService, IssuedBankKey } from './bank-key.service';
import { PartnerBank } from './entities/partner-bank.entity';
import { User } from './entities/user.entity';
import { FirstAdminService, StartLog } from './first-admin.service';
import { CreateUserCommand, UserDirectoryEntry, UserDirectoryScope } from './identity.types';
import { UserReadService } from './user-read.service';
import { UserService } from './user.service';

/**
 * Identity as other modules, the bootstrap and the CLI see it: the user directory and a user looked up
 * (supervision's assignee checks), user administration (the CLI's user creation), partner banks and their
 * keys, and the first-administrator check at start. Each call is the service's own, under its rules.
 */
@Injectable()
export class IdentityFacade {
  constructor(
    private readonly users: UserService,
    private readonly reads: UserReadService,
    private readonly bankKeys: BankKeyService,
    private readonly firstAdmin: FirstAdminService,
    private readonly platformKeys: PlatformKeyService,
    private readonly queries: IdentityQueries,
  ) {}

  /** A user the actor may read (404 when unknown). */
  getForReader(actor: Principal, id: string): Promise<User> {
    return this.reads.getForReader(actor, id);
  }

  /**
   * The link from a record to a user (`AuditLogEntry.actorUser`): the `User` that `user(id:)` gives the
   * caller, else null (only the county office and discipline supervisors read users). One per-request
   * loader, one statement per page.
   */
  userLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<UserObject | null> {
    return loadLink(loaders, 'identity.user-link', id, async (ids) => {
      if (actor.kind !== 'user' || (actor.role !== Role.COUNTY_ADMIN && actor.role !== Role.DISCIPLINE_SUPERVISOR))
        return [];
      return (await this.queries.usersByIds(ids.filter((i) => UUID.test(i)))).map((u) => UserObject.from(u));
    });
  }

  /**
   * The people a record names (`SupervisionTask.assignees`) as `UserSummary`, for whoever may read that
   * record (the calling module has scoped the record itself), in the order of `ids`; unknown ids are left out.
   * One per-request loader, one statement per page.
   */
  userSummaries(loaders: Loaders, ids: readonly string[] | null | undefined): Promise<UserSummaryObject[]> {
    return loadLinks(loaders, 'identity.user-summary', ids, async (keys) =>
      (await this.queries.usersByIds(keys.filter((i) => UUID.test(i)))).map((u) => UserSummaryObject.from(u)),
    );
  }

  /** Active users within any of the scopes, for pickers (e.g. a task's assignees). */
  directory(
    actor: Principal,
    scopes: UserDirectoryScope[],
    options: { search?: string; limit: number },
  ): Promise<UserDirectoryEntry[]> {
    return this.reads.directory(actor, scopes, options);
  }

  createUser(actor: Principal, command: CreateUserCommand): Promise<User> {
    return this.users.create(actor, command);
  }

  changeUserRole(actor: Principal, userId: string, role: Role, scopeValue?: string | null): Promise<User> {
    return this.users.changeRole(actor, userId, role, scopeValue);
  }

  disableUser(actor: Principal, userId: string): Promise<User> {
    return this.users.disable(actor, userId);
  }

  registerBank(actor: Principal, input: { code: string; name: string }): Promise<PartnerBank> {
    return this.bankKeys.registerBank(actor, input);
  }

  issueBankKey(actor: Principal, bankCode: string): Promise<IssuedBankKey> {
    return this.bankKeys.issueKey(actor, bankCode);
  }

  /** A partner platform (the national or provincial platform), as registerPartnerPlatform does. */
  async registerPlatform(actor: Principal, input: { code: string; name: string }): Promise<{ code: string }> {
    const p = await this.platformKeys.registerPlatform(actor, input);
    return { code: p.code };
  }

  issuePlatformKey(actor: Principal, platformCode: string): Promise<IssuedPlatformKey> {
    return this.platformKeys.issueKey(actor, platformCode);
  }

  /** At start of an API process: make the configured administrator, or log a fresh setup code, while none exists. */
  firstAdminAtStart(log: StartLog): Promise<void> {
    return this.firstAdmin.atStart(log);
  }
}
