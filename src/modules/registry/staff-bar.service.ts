import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { businessDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { decrypt, encrypt, maskIdentifier, piiHash } from '../../platform/crypto/crypto';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { NotificationsFacade } from '../notifications';
import { StaffBar } from './entities/staff-bar.entity';
import { Licensing } from './licensing';
import { staffAlreadyBarred, staffBarLifted, staffBarNotFound } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { UUID } from '../../platform/ids/uuid';
import { text } from '../../platform/i18n/text';
import { ID_NUMBER_FORMAT, MUST_BE_UUID } from '../../platform/i18n/field-texts';

const ID_NUMBER = /^\d{17}[\dX]$/;
/** Barred for 1–5 years, or for life in especially serious cases (民办教育促进法实施条例 Art. 62/64). */
export const MAX_BAR_YEARS = 5;

export interface BarCommand {
  /** Bar the person of this staff record, or … */
  staffId?: string;
  /** … a person known by ID number and name (found by inspection, the police, another county). */
  idNumber?: string;
  name?: string;
  reason: string;
  years?: number;
  forLife?: boolean;
}

export interface StaffBarView extends Omit<StaffBar, 'idNumberHash' | 'idNumberEncrypted'> {
  idNumberMasked: string;
  /** In force on the business date it was read. */
  inForce: boolean;
}

/**
 * The staff blacklist (从业人员黑名单). The licensing department or the county office bars a person for 1–5
 * years or for life; registering a barred person as staff is then refused (StaffService.addStaff), and
 * the institutions where the person currently works are named to the licensing department, which has
 * them dismiss the person. A bar is lifted only to correct a mistake (audited); an expired one stays.
 */
@Injectable()
export class StaffBarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly licensing: Licensing,
    private readonly queries: RegistryQueries,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private today(): string {
    return businessDate(this.clock.now(), this.config.timeZone);
  }

  /** Serialises the bar and the registrations of one person (by ID-number hash) until the transaction ends. */
  async lockPerson(em: EntityManager, idNumberHash: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('staff_bar:' || $1))`, [idNumberHash]);
  }

  async bar(actor: Principal, cmd: BarCommand): Promise<StaffBarView> {
    await this.licensing.assertCanCommand(actor);
    const problems = new Problems();
    if (!cmd.staffId === !cmd.idNumber)
      problems.add(
        'staffId',
        text('give either staffId or idNumber (with name)', '请填写 staffId 或 idNumber（连同姓名）之一'),
      );
    const idNumber = cmd.idNumber?.trim().toUpperCase();
    if (idNumber !== undefined && !ID_NUMBER.test(idNumber)) problems.add('idNumber', ID_NUMBER_FORMAT);
    if (idNumber !== undefined && !cmd.name?.trim())
      problems.add(
        'name',
        text('the name of the person barred is required with idNumber', '填写 idNumber 时须填写被禁止从业人员的姓名'),
      );
    if (cmd.staffId !== undefined && !UUID.test(cmd.staffId)) problems.add('staffId', MUST_BE_UUID);
    if (!cmd.reason.trim()) problems.add('reason', text('a bar needs its reason', '禁止从业须说明理由'));
    if (cmd.forLife === true && cmd.years !== undefined)
      problems.add('years', text('give years or forLife, not both', 'years 和 forLife 只能填写其一'));
    if (
      cmd.forLife !== true &&
      (cmd.years === undefined || !Number.isInteger(cmd.years) || cmd.years < 1 || cmd.years > MAX_BAR_YEARS)
    ) {
      problems.add(
        'years',
        text(
          `1–${MAX_BAR_YEARS} years, or forLife for especially serious cases`,
          `须为 1–${MAX_BAR_YEARS} 年；情节特别严重的选择 forLife（终身）`,
        ),
      );
    }
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      let person: { hash: string; encrypted: string; name: string; staffId: string | null };
      if (cmd.staffId) {
        const staff = await this.queries.staffById(cmd.staffId.toLowerCase(), em);
        if (!staff) throw staffBarNotFound(`staff ${cmd.staffId}`, 'STAFF_NOT_FOUND');
        person = { hash: staff.idNumberHash, encrypted: staff.idNumberEncrypted, name: staff.name, staffId: staff.id };
      } else {
        person = {
          hash: piiHash(this.config.security.piiHashKey, idNumber!),
          encrypted: encrypt(this.config.security.encryptionKey, idNumber!),
          name: cmd.name!.trim(),
          staffId: null,
        };
      }
      // One bar in force per person: bars (and registrations, StaffService.addStaff) of one person take turns.
      await this.lockPerson(em, person.hash);
      const today = this.today();
      const current = await this.queries.barInForce(em, person.hash, today);
      if (current) throw staffAlreadyBarred(current.barredUntil);
      const bar = em.getRepository(StaffBar).create({
        idNumberHash: person.hash,
        idNumberEncrypted: person.encrypted,
        name: person.name,
        reason: cmd.reason.trim(),
        barredFrom: today,
        barredUntil: cmd.forLife ? null : addYears(today, cmd.years!),
        staffId: person.staffId,
        createdBy: actor.kind === 'user' ? actor.username : actor.kind,
        createdAt: this.clock.now(),
        liftedAt: null,
        liftedReason: null,
        liftedBy: null,
      });
      await em.getRepository(StaffBar).insert(bar);
      // Where the person works now: the institutions must dismiss them.
      const employers = await this.queries.currentEmployers(em, person.hash);
      const masked = maskIdentifier(decrypt(this.config.security.encryptionKey, person.encrypted));
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.barred',
        entityType: 'staff_bar',
        entityId: bar.id,
        summary: {
          name: bar.name,
          idNumber: masked,
          barredFrom: bar.barredFrom,
          barredUntil: bar.barredUntil,
          reason: bar.reason,
          staffId: bar.staffId,
          institutionIds: employers.map((e) => e.id),
        },
      });
      await this.events.publish(em, 'registry.staff.barred', {
        barId: bar.id,
        barredFrom: bar.barredFrom,
        barredUntil: bar.barredUntil,
        institutionIds: employers.map((e) => e.id),
      });
      if (employers.length > 0) {
        await this.notifications.notify(
          em,
          {
            departmentCodes: await this.licensing.departments(),
            townshipCodes: [...new Set(employers.map((e) => e.township_code))],
          },
          {
            kind: 'registry.staff.barred',
            title: `从业人员列入黑名单：${bar.name}`,
            body: `${bar.name}（${masked}）已列入从业人员黑名单（${bar.barredUntil ? `至 ${bar.barredUntil}` : '终身'}），现仍在以下机构任职，请督促解除聘用：${employers.map((e) => `${e.name}（${e.credit_code}）`).join('、')}。`,
            entityType: 'staff_bar',
            entityId: bar.id,
          },
        );
      }
      return this.view(bar, today);
    });
  }

  /** Lifts a bar decided by mistake (撤销), with the reason; audited. An expired bar needs no lifting. */
  async lift(actor: Principal, id: string, reason: string): Promise<StaffBarView> {
    await this.licensing.assertCanCommand(actor);
    if (!reason.trim())
      throw new ValidationFailed([
        { path: 'reason', message: text('lifting a bar needs its reason', '解除禁止从业须说明理由') },
      ]);
    if (!UUID.test(id)) throw staffBarNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const bar = await this.queries.lockBar(em, id.toLowerCase());
      if (!bar) throw staffBarNotFound(id);
      if (bar.liftedAt) throw staffBarLifted();
      bar.liftedAt = this.clock.now();
      bar.liftedReason = reason.trim();
      bar.liftedBy = actor.kind === 'user' ? actor.username : actor.kind;
      await em.getRepository(StaffBar).save(bar);
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.bar_lifted',
        entityType: 'staff_bar',
        entityId: bar.id,
        summary: { name: bar.name, reason: bar.liftedReason },
      });
      await this.events.publish(em, 'registry.staff.bar_lifted', { barId: bar.id, reason: bar.liftedReason });
      return this.view(bar, this.today());
    });
  }

  /** The blacklist, newest first: by name, or only the bars in force today. */
  async list(filter: { inForce?: boolean; name?: string }, page: PageArgs): Promise<Connection<StaffBarView>> {
    const today = this.today();
    const found = await this.queries.staffBars(filter, page, today);
    return { ...found, edges: found.edges.map((e) => ({ ...e, node: this.view(e.node, today) })) };
  }

  private view(b: StaffBar, today: string): StaffBarView {
    const { idNumberHash: _h, idNumberEncrypted, ...rest } = b;
    const inForce = !b.liftedAt && b.barredFrom <= today && (b.barredUntil === null || b.barredUntil > today);
    return {
      ...rest,
      idNumberMasked: maskIdentifier(decrypt(this.config.security.encryptionKey, idNumberEncrypted)),
      inForce,
    };
  }
}

/** The same calendar day `years` later (29 February → 1 March). */
function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
