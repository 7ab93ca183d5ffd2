import { Injectable } from '@nestjs/common';
import { UserPrincipalStore } from '../../platform/auth/credential-stores';
import { Principal, UserPrincipal } from '../../platform/auth/principal';
import { Forbidden } from '../../platform/errors/domain-error';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { UUID } from '../../platform/ids/uuid';
import { User } from './entities/user.entity';
import { assertUserReader } from './identity.access';
import { userNotFound } from './identity.errors';
import { IdentityQueries } from './identity.queries';
import { UserDirectoryEntry, UserDirectoryScope, UserFilter } from './identity.types';
import { toPrincipal } from './user.rules';
import { text } from '../../platform/i18n/text';

/** Reading users: the principal behind a token (USER_PRINCIPAL_STORE), one's own record, the list and the directory. */
@Injectable()
export class UserReadService implements UserPrincipalStore {
  constructor(private readonly queries: IdentityQueries) {}

  async principalFor(userId: string, sessionVersion: number): Promise<UserPrincipal | null> {
    const user = await this.queries.userById(userId);
    if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
    return toPrincipal(user);
  }

  async me(actor: Principal): Promise<User> {
    if (actor.kind !== 'user')
      throw new Forbidden(text('Only a logged-in person has a user record', '只有已登录的人员才有用户记录'));
    return this.get(actor.userId);
  }

  async getForReader(actor: Principal, id: string): Promise<User> {
    assertUserReader(actor);
    return this.get(id);
  }

  list(actor: Principal, filter: UserFilter, page: PageArgs): Promise<Connection<User>> {
    assertUserReader(actor);
    return this.queries.users(filter, page);
  }

  /**
   * Active users matching any of the scopes, by display name (then id), at most `limit`: for other
   * modules' pickers (e.g. supervision's assignable users), which decide who may see the result. An
   * empty scope list, or scopes naming no department or township, match nobody.
   */
  async directory(
    actor: Principal,
    scopes: UserDirectoryScope[],
    options: { search?: string; limit: number },
  ): Promise<UserDirectoryEntry[]> {
    assertUserReader(actor);
    const rows = await this.queries.directory(scopes, options);
    return rows.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      role: u.role,
      departmentCode: u.departmentCode,
      townshipCode: u.townshipCode,
    }));
  }

  /** A user by id (USER_NOT_FOUND when unknown or not a UUID), for callers that checked the right to read it. */
  async get(id: string): Promise<User> {
    const user = UUID.test(id) ? await this.queries.userById(id) : null;
    if (!user) throw userNotFound(id);
    return user;
  }
}
