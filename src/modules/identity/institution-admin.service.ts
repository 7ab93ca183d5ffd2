import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { ReferenceFacade } from '../reference';
import { InstitutionSummary } from '../registry';
import { User } from './entities/user.entity';
import { institutionAdminForbidden } from './identity.errors';

/**
 * The duty (reference department_duty) of the department that supervises off-campus training institutions
 * day to day (校外培训机构日常监管: EDU in Xifeng). Its officers create the administrators of the institutions
 * whose competent department (主管部门) is theirs.
 */
export const INSTITUTION_SUPERVISION_DUTY = 'INSTITUTION_SUPERVISION';

/**
 * Institution administrators (机构端, INSTITUTION_ADMIN): who may create them, and their end when the
 * institution closes. Creation itself is UserService.create (one path for every user); this service
 * answers its right check and, with UserService and OwnAccountService, is the only writer of `app_user`.
 */
@Injectable()
export class InstitutionAdminService {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /**
   * Before anything is looked up: a county administrator (or the system) may create institution
   * administrators, and an officer of a department holding INSTITUTION_SUPERVISION; nobody else.
   */
  async assertMayCreateAny(actor: Principal): Promise<void> {
    if (actor.kind === 'system') return;
    if (actor.kind === 'user' && actor.role === Role.COUNTY_ADMIN) return;
    if (actor.kind === 'user' && actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode) {
      const supervising = await this.reference.departmentsWithDuty(INSTITUTION_SUPERVISION_DUTY);
      if (supervising.includes(actor.departmentCode)) return;
    }
    throw institutionAdminForbidden();
  }

  /** For this institution: an officer only where the institution's competent department is their own. */
  assertMayCreateFor(actor: Principal, institution: InstitutionSummary): void {
    if (actor.kind === 'system') return;
    if (actor.kind === 'user' && actor.role === Role.COUNTY_ADMIN) return;
    if (
      actor.kind === 'user' &&
      actor.role === Role.DEPARTMENT_OFFICER &&
      actor.departmentCode === institution.competentDepartmentCode
    )
      return;
    throw institutionAdminForbidden();
  }

  /**
   * The institution was deregistered or revoked: every active administrator of it is disabled (no more
   * logins; their access tokens stop working at once), each audited and published as identity.user.disabled,
   * in the subscriber's transaction. Idempotent: already disabled users are left as they are.
   */
  async disableAdminsOf(
    em: EntityManager,
    institutionId: string,
    cause: { event: string; toStatus: string; reason: string },
  ): Promise<number> {
    const now = this.clock.now();
    const disabled: { id: string; username: string }[] = await em
      .createQueryBuilder()
      .update(User)
      .set({ disabledAt: now, sessionVersion: () => 'session_version + 1', updatedAt: now })
      .where('institution_id = :institutionId AND disabled_at IS NULL', { institutionId })
      .andWhere('role = :role', { role: Role.INSTITUTION_ADMIN })
      .returning(['id', 'username'])
      .execute()
      .then((r) => r.raw as { id: string; username: string }[]);
    const actor = systemPrincipal('identity.institution-closed');
    for (const user of disabled) {
      await this.audit.record(em, {
        actor,
        action: 'identity.user.disabled',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username, institutionId, ...cause },
      });
      await this.events.publish(em, 'identity.user.disabled', { userId: user.id, username: user.username });
    }
    return disabled.length;
  }
}
