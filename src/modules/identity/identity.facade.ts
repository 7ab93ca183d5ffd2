import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
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
  ) {}

  /** A user the actor may read (404 when unknown). */
  getForReader(actor: Principal, id: string): Promise<User> {
    return this.reads.getForReader(actor, id);
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
