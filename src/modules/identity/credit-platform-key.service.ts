import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { CreditPlatformKeyRecord, CreditPlatformKeyStore } from '../../platform/auth/credential-stores';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';
import { CreditPlatformApiKey } from './entities/credit-platform-api-key.entity';
import { CreditPlatform } from './entities/credit-platform.entity';
import {
  creditPlatformExists,
  creditPlatformKeyLimit,
  creditPlatformKeyNotFound,
  creditPlatformNotFound,
} from './identity.errors';
import { PartnerCredentials, PartnerKind } from './partner-credentials';

const CREDIT_PLATFORMS: PartnerKind<CreditPlatform, CreditPlatformApiKey> = {
  noun: 'credit_platform',
  partner: CreditPlatform,
  key: CreditPlatformApiKey,
  owner: 'creditPlatformCode',
  keyPrefix: 'ck',
  errors: {
    notFound: creditPlatformNotFound,
    exists: creditPlatformExists,
    keyLimit: creditPlatformKeyLimit,
    keyNotFound: creditPlatformKeyNotFound,
  },
};

export interface IssuedCreditPlatformKey {
  keyId: string;
  creditPlatformCode: string;
  /** Shown once, to the administrator who issued it; stored only encrypted. */
  secret: string;
  createdAt: Date;
}

/**
 * The credit-sharing platform (信用信息共享平台) and its API keys: the banks' scheme (PartnerCredentials) in
 * tables of its own, so its keys are unknown to the bank and prepaid-platform routes and theirs unknown
 * to the credit feed (ADR 0030).
 */
@Injectable()
export class CreditPlatformKeyService implements CreditPlatformKeyStore {
  private readonly credentials: PartnerCredentials<CreditPlatform, CreditPlatformApiKey>;

  constructor(
    dataSource: DataSource,
    @InjectRepository(CreditPlatform) private readonly platforms: Repository<CreditPlatform>,
    @InjectRepository(CreditPlatformApiKey) private readonly keys: Repository<CreditPlatformApiKey>,
    audit: AuditService,
    clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.credentials = new PartnerCredentials(
      CREDIT_PLATFORMS,
      dataSource,
      audit,
      clock,
      config.security.encryptionKey,
    );
  }

  async findKey(keyId: string): Promise<CreditPlatformKeyRecord | null> {
    const key = await this.credentials.findKey(keyId);
    return (
      key && {
        keyId: key.keyId,
        creditPlatformCode: key.creditPlatformCode,
        revoked: key.revokedAt !== null,
        secret: key.secret,
      }
    );
  }

  listPlatforms(actor: Principal): Promise<CreditPlatform[]> {
    assertReader(actor);
    return this.platforms.find({ order: { code: 'ASC' } });
  }

  /** Keys of several platforms at once (GraphQL field loader); the caller was checked by the parent query. */
  keysOfPlatforms(codes: readonly string[]): Promise<CreditPlatformApiKey[]> {
    return this.keys.find({
      where: { creditPlatformCode: In([...codes]) },
      order: { createdAt: 'ASC', keyId: 'ASC' },
    });
  }

  registerPlatform(actor: Principal, input: { code: string; name: string }): Promise<CreditPlatform> {
    assertAdmin(actor);
    return this.credentials.register(actor, input);
  }

  /** Issues a key (at most two active per platform). The secret is returned here and never again. */
  async issueKey(actor: Principal, creditPlatformCode: string): Promise<IssuedCreditPlatformKey> {
    assertAdmin(actor);
    return { ...(await this.credentials.issueKey(actor, creditPlatformCode)), creditPlatformCode };
  }

  /** Revokes a key at once (the next pull signed with it is refused with KEY_REVOKED). */
  revokeKey(actor: Principal, keyId: string): Promise<CreditPlatformApiKey> {
    assertAdmin(actor);
    return this.credentials.revokeKey(actor, keyId);
  }
}

function assertAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN))
    throw new Forbidden(
      text(
        'Only a county administrator may manage the credit-sharing platform and its keys',
        '只有县级管理员可以管理信用信息共享平台及其接口密钥',
      ),
    );
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden(
      text(
        'Only the county office and discipline supervisors may see the credit-sharing platform',
        '只有县级管理部门和纪检监督人员可以查看信用信息共享平台',
      ),
    );
}
