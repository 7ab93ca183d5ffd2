import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { decrypt, maskIdentifier } from '../../platform/crypto/crypto';
import { ReferenceFacade } from '../reference';
import { Institution } from './entities/institution.entity';
import { Staff } from './entities/staff.entity';
import { ACTIVE_STATES } from './institution-transitions';
import { Licensing } from './licensing';
import { assertLicensingOrDutyOfficer } from './registry.access';
import { institutionClosed, staffNotFound } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { StaffView } from './records.types';
import { Text } from '../../platform/i18n/text';

/**
 * How a change to an institution's records runs (premises, staff, courses, materials, annual review):
 * authorised (a licensing officer, or whom the caller admits), the institution in scope, still active
 * and locked, in one transaction. Shared by the records services.
 */
@Injectable()
export class RecordChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly licensing: Licensing,
    private readonly reference: ReferenceFacade,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: RegistryQueries,
  ) {}

  today(): string {
    return businessDate(this.clock.now(), this.config.timeZone);
  }

  view(s: Staff): StaffView {
    const { idNumberHash: _h, idNumberEncrypted, ...rest } = s;
    return { ...rest, idNumberMasked: maskIdentifier(decrypt(this.config.security.encryptionKey, idNumberEncrypted)) };
  }

  /** A county administrator, a licensing officer or an officer of a department holding `duty`. */
  async assertLicensingOrDuty(actor: Principal, duty: string, what: Text): Promise<void> {
    const [licensing, holders] = await Promise.all([
      this.licensing.departments(),
      this.reference.departmentsWithDuty(duty),
    ]);
    assertLicensingOrDutyOfficer(actor, licensing, duty, holders, what);
  }

  /** A change to one staff member's record, locked, under the rules of `change` for their institution. */
  async changeStaff<T>(
    actor: Principal,
    staffId: string,
    work: (em: EntityManager, s: Staff) => Promise<T>,
  ): Promise<T> {
    const s0 = await this.queries.staffById(staffId);
    if (!s0) throw staffNotFound(staffId);
    return this.change(actor, s0.institutionId, async (em) =>
      work(
        em,
        await em.getRepository(Staff).findOneOrFail({ where: { id: staffId }, lock: { mode: 'pessimistic_write' } }),
      ),
    );
  }

  /**
   * Runs a change to an institution's records: licensing officer (or whom `authorise` admits), institution
   * in scope and still active, locked.
   */
  async change<T>(
    actor: Principal,
    institutionId: string,
    work: (em: EntityManager, i: Institution) => Promise<T>,
    authorise: () => Promise<void> = () => this.licensing.assertCanCommand(actor),
  ): Promise<T> {
    await authorise();
    return this.dataSource.transaction(async (em) => {
      const i = await this.queries.institution(actor, institutionId, em, true);
      if (!ACTIVE_STATES.includes(i.status)) throw institutionClosed(i.status);
      return work(em, i);
    });
  }
}
