import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { User } from './entities/user.entity';
import { currentPasswordIncorrect } from './identity.errors';
import { IdentityQueries } from './identity.queries';
import { hashPassword } from './password';
import { text } from '../../platform/i18n/text';

/** A logged-in person's own account commands (LoginService checks the current password first). */
@Injectable()
export class OwnAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: IdentityQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * A user's own password change (changeMyPassword), after LoginService has checked the current one:
   * `verifiedHash` is the hash that check was made against, so a password changed meanwhile (by an
   * administrator or a parallel request) refuses this change. Bumps the session version like a reset:
   * every earlier access token stops working. The new password has passed the policy.
   */
  async changeOwnPassword(actor: Principal, verifiedHash: string, newPassword: string, address: string): Promise<User> {
    if (actor.kind !== 'user')
      throw new Forbidden(text('Only a logged-in person has a password to change', '只有已登录的人员才能修改密码'));
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (em) => {
      const user = await this.queries.lockUserWithPasswordHash(em, actor.userId);
      if (!user || user.disabledAt) throw new Forbidden(text('This account is disabled', '该账号已停用'));
      if (user.passwordHash !== verifiedHash) throw currentPasswordIncorrect();
      await em.update(
        User,
        { id: user.id },
        { passwordHash, sessionVersion: user.sessionVersion + 1, updatedAt: this.clock.now() },
      );
      await this.audit.record(em, {
        actor,
        action: 'identity.user.password_changed',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username, address },
      });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }
}
