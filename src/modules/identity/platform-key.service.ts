import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { PlatformKeyRecord, PlatformKeyStore } from '../../platform/auth/credential-stores';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { PartnerPlatform } from './entities/partner-platform.entity';
import { PlatformApiKey } from './entities/platform-api-key.entity';
import { platformExists, platformKeyLimit, platformKeyNotFound, platformNotFound } from './identity.errors';
import { PartnerCredentials, PartnerKind } from './partner-credentials';
import { text } from '../../platform/i18n/text';

const PLATFORMS: PartnerKind<PartnerPlatform, PlatformApiKey> = {
  noun: 'platform',
  partner: PartnerPlatform,
  key: PlatformApiKey,
  owner: 'platformCode',
  keyPrefix: 'pk',
  errors: {
    notFound: platformNotFound,
    exists: platformExists,
    keyLimit: platformKeyLimit,
    keyNotFound: platformKeyNotFound,
  },
};

export interface IssuedPlatformKey {
  keyId: string;
  platformCode: string;
  /** Shown once, to the administrator who issued it; stored only encrypted. */
  secret: string;
  createdAt: Date;
}

/**
 * Partner platforms (the national or provincial platform) and their API keys: the banks' scheme
 * (PartnerCredentials) in tables of their own, so a platform key is unknown to the bank routes and a bank
 * key unknown to the platform routes.
 */
@Injectable()
export class PlatformKeyService implements PlatformKeyStore {
  private readonly credentials: PartnerCredentials<PartnerPlatform, PlatformApiKey>;

  constructor(
    dataSource: DataSource,
    @InjectRepository(PartnerPlatform) private readonly platforms: Repository<PartnerPlatform>,
    @InjectRepository(PlatformApiKey) private readonly keys: Repository<PlatformApiKey>,
    audit: AuditService,
    clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.credentials = new PartnerCredentials(PLATFORMS, dataSource, audit, clock, config.security.encryptionKey);
  }

  async findKey(keyId: string): Promise<PlatformKeyRecord | null> {
    const key = await this.credentials.findKey(keyId);
    return (
      key && { keyId: key.keyId, platformCode: key.platformCode, revoked: key.revokedAt !== null, secret: key.secret }
    );
  }

  listPlatforms(actor: Principal): Promise<PartnerPlatform[]> {
    assertReader(actor);
    return this.platforms.find({ order: { code: 'ASC' } });
  }

  /** Keys of several platforms at once (GraphQL field loader); the caller was checked by the parent query. */
  keysOfPlatforms(codes: readonly string[]): Promise<PlatformApiKey[]> {
    return this.keys.find({ where: { platformCode: In([...codes]) }, order: { createdAt: 'ASC', keyId: 'ASC' } });
  }

  registerPlatform(actor: Principal, input: { code: string; name: string }): Promise<PartnerPlatform> {
    assertAdmin(actor);
    return this.credentials.register(actor, input);
  }

  /** Issues a key (at most two active per platform). The secret is returned here and never again. */
  async issueKey(actor: Principal, platformCode: string): Promise<IssuedPlatformKey> {
    assertAdmin(actor);
    return { ...(await this.credentials.issueKey(actor, platformCode)), platformCode };
  }

  /** Revokes a key at once (the next request signed with it is refused with KEY_REVOKED). */
  revokeKey(actor: Principal, keyId: string): Promise<PlatformApiKey> {
    assertAdmin(actor);
    return this.credentials.revokeKey(actor, keyId);
  }
}

function assertAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN))
    throw new Forbidden(
      text(
        'Only a county administrator may manage partner platforms and their keys',
        '只有县级管理员可以管理合作平台及其接口密钥',
      ),
    );
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden(
      text(
        'Only the county office and discipline supervisors may see partner platforms',
        '只有县级管理部门和纪检监督人员可以查看合作平台',
      ),
    );
}
