import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { PlatformKeyRecord, PlatformKeyStore } from '../../platform/auth/credential-stores';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { decrypt, encrypt } from '../../platform/crypto/crypto';
import { Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { BANK_CODE_PATTERN, MAX_ACTIVE_KEYS } from './bank-key.service';
import { PartnerPlatform } from './entities/partner-platform.entity';
import { PlatformApiKey } from './entities/platform-api-key.entity';
import { platformExists, platformKeyLimit, platformKeyNotFound, platformNotFound } from './identity.errors';

export interface IssuedPlatformKey {
  keyId: string;
  platformCode: string;
  /** Shown once, to the administrator who issued it; stored only encrypted. */
  secret: string;
  createdAt: Date;
}

/**
 * Partner platforms (the national or provincial platform) and their API keys: the banks' scheme (32
 * random bytes base64url, AES-256-GCM at rest, two active keys for rotation) in a table of its own, so a
 * platform key is unknown to the bank routes and a bank key unknown to the platform routes.
 */
@Injectable()
export class PlatformKeyService implements PlatformKeyStore {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(PartnerPlatform) private readonly platforms: Repository<PartnerPlatform>,
    @InjectRepository(PlatformApiKey) private readonly keys: Repository<PlatformApiKey>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async findKey(keyId: string): Promise<PlatformKeyRecord | null> {
    const key = await this.keys
      .createQueryBuilder('k')
      .addSelect('k.secretEncrypted')
      .where('k.key_id = :keyId', { keyId })
      .getOne();
    if (!key) return null;
    return {
      keyId: key.keyId,
      platformCode: key.platformCode,
      revoked: key.revokedAt !== null,
      secret: decrypt(this.config.security.encryptionKey, key.secretEncrypted),
    };
  }

  listPlatforms(actor: Principal): Promise<PartnerPlatform[]> {
    assertReader(actor);
    return this.platforms.find({ order: { code: 'ASC' } });
  }

  /** Keys of several platforms at once (GraphQL field loader); the caller was checked by the parent query. */
  keysOfPlatforms(codes: readonly string[]): Promise<PlatformApiKey[]> {
    return this.keys.find({ where: { platformCode: In([...codes]) }, order: { createdAt: 'ASC', keyId: 'ASC' } });
  }

  async registerPlatform(actor: Principal, input: { code: string; name: string }): Promise<PartnerPlatform> {
    assertAdmin(actor);
    const code = input.code.trim();
    const name = input.name.trim();
    const problems = [
      ...(BANK_CODE_PATTERN.test(code)
        ? []
        : [{ path: 'code', message: 'must be 2–32 characters A-Z, 0-9 and _, starting with a letter' }]),
      ...(name && name.length <= 100 ? [] : [{ path: 'name', message: 'must be 1–100 characters' }]),
    ];
    if (problems.length) throw new ValidationFailed(problems);
    return this.dataSource.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(PartnerPlatform)
        .values({ code, name, createdAt: this.clock.now() })
        .orIgnore()
        .returning('code')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) throw platformExists(code);
      await this.audit.record(em, {
        actor,
        action: 'identity.platform.registered',
        entityType: 'partner_platform',
        entityId: code,
        summary: { code, name },
      });
      return em.findOneByOrFail(PartnerPlatform, { code });
    });
  }

  /** Issues a key (at most two active per platform). The secret is returned here and never again. */
  async issueKey(actor: Principal, platformCode: string): Promise<IssuedPlatformKey> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (em) => {
      const platform = await em.findOne(PartnerPlatform, {
        where: { code: platformCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (!platform) throw platformNotFound(platformCode);
      const active = await em.countBy(PlatformApiKey, { platformCode, revokedAt: IsNull() });
      if (active >= MAX_ACTIVE_KEYS) throw platformKeyLimit(platformCode);
      const keyId = `pk_${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(32).toString('base64url');
      const createdAt = this.clock.now();
      await em.insert(PlatformApiKey, {
        keyId,
        platformCode,
        secretEncrypted: encrypt(this.config.security.encryptionKey, secret),
        createdAt,
        revokedAt: null,
      });
      await this.audit.record(em, {
        actor,
        action: 'identity.platform_key.issued',
        entityType: 'platform_api_key',
        entityId: keyId,
        summary: { platformCode, activeKeys: active + 1 },
      });
      return { keyId, platformCode, secret, createdAt };
    });
  }

  /** Revokes a key at once (the next request signed with it is refused with KEY_REVOKED). */
  async revokeKey(actor: Principal, keyId: string): Promise<PlatformApiKey> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (em) => {
      const key = await em.findOne(PlatformApiKey, { where: { keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw platformKeyNotFound(keyId);
      if (key.revokedAt) return key;
      key.revokedAt = this.clock.now();
      await em.update(PlatformApiKey, { keyId }, { revokedAt: key.revokedAt });
      await this.audit.record(em, {
        actor,
        action: 'identity.platform_key.revoked',
        entityType: 'platform_api_key',
        entityId: keyId,
        summary: { platformCode: key.platformCode },
      });
      return key;
    });
  }
}

function assertAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN))
    throw new Forbidden('Only a county administrator may manage partner platforms and their keys');
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden('Only the county office and discipline supervisors may see partner platforms');
}
