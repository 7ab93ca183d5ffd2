import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { BankKeyRecord, BankKeyStore } from '../../platform/auth/credential-stores';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { decrypt, encrypt } from '../../platform/crypto/crypto';
import { Forbidden } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { BankApiKey } from './entities/bank-api-key.entity';
import { PartnerBank } from './entities/partner-bank.entity';
import { bankExists, bankKeyLimit, bankKeyNotFound, bankNotFound } from './identity.errors';

export const BANK_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,31}$/;
/** bank-api.md: two keys may be active at once so a bank can rotate. */
export const MAX_ACTIVE_KEYS = 2;

export interface IssuedBankKey {
  keyId: string;
  bankCode: string;
  /** Shown once, to the administrator who issued it; stored only encrypted. */
  secret: string;
  createdAt: Date;
}

/**
 * Partner banks and their API keys. They live with identity because they are credentials; escrow will
 * own the banks' accounts. Secrets are 32 random bytes (base64url), encrypted with AES-256-GCM at rest.
 */
@Injectable()
export class BankKeyService implements BankKeyStore {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(PartnerBank) private readonly banks: Repository<PartnerBank>,
    @InjectRepository(BankApiKey) private readonly keys: Repository<BankApiKey>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async findKey(keyId: string): Promise<BankKeyRecord | null> {
    const key = await this.keys
      .createQueryBuilder('k')
      .addSelect('k.secretEncrypted')
      .where('k.key_id = :keyId', { keyId })
      .getOne();
    if (!key) return null;
    return {
      keyId: key.keyId,
      bankCode: key.bankCode,
      revoked: key.revokedAt !== null,
      secret: decrypt(this.config.security.encryptionKey, key.secretEncrypted),
    };
  }

  listBanks(actor: Principal): Promise<PartnerBank[]> {
    assertReader(actor);
    return this.banks.find({ order: { code: 'ASC' } });
  }

  async listKeys(actor: Principal, bankCode: string): Promise<BankApiKey[]> {
    assertReader(actor);
    if (!(await this.banks.existsBy({ code: bankCode }))) throw bankNotFound(bankCode);
    return this.keys.find({ where: { bankCode }, order: { createdAt: 'ASC', keyId: 'ASC' } });
  }

  /** Keys of several banks at once (GraphQL field loader); the caller was checked by the parent query. */
  keysOfBanks(codes: readonly string[]): Promise<BankApiKey[]> {
    return this.keys.find({ where: { bankCode: In([...codes]) }, order: { createdAt: 'ASC', keyId: 'ASC' } });
  }

  async registerBank(actor: Principal, input: { code: string; name: string }): Promise<PartnerBank> {
    assertAdmin(actor);
    const code = input.code.trim();
    const name = input.name.trim();
    const problems = new Problems();
    problems.check(
      BANK_CODE_PATTERN.test(code),
      'code',
      'must be 2–32 characters A-Z, 0-9 and _, starting with a letter',
    );
    problems.check(name && name.length <= 100, 'name', 'must be 1–100 characters');
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(PartnerBank)
        .values({ code, name, createdAt: this.clock.now() })
        .orIgnore()
        .returning('code')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) throw bankExists(code);
      await this.audit.record(em, {
        actor,
        action: 'identity.bank.registered',
        entityType: 'partner_bank',
        entityId: code,
        summary: { code, name },
      });
      return em.findOneByOrFail(PartnerBank, { code });
    });
  }

  /** Issues a key (at most two active per bank). The secret is returned here and never again. */
  async issueKey(actor: Principal, bankCode: string): Promise<IssuedBankKey> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (em) => {
      const bank = await em.findOne(PartnerBank, { where: { code: bankCode }, lock: { mode: 'pessimistic_write' } });
      if (!bank) throw bankNotFound(bankCode);
      const active = await em.countBy(BankApiKey, { bankCode, revokedAt: IsNull() });
      if (active >= MAX_ACTIVE_KEYS) throw bankKeyLimit(bankCode);
      const keyId = `bk_${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(32).toString('base64url');
      const createdAt = this.clock.now();
      await em.insert(BankApiKey, {
        keyId,
        bankCode,
        secretEncrypted: encrypt(this.config.security.encryptionKey, secret),
        createdAt,
        revokedAt: null,
      });
      await this.audit.record(em, {
        actor,
        action: 'identity.bank_key.issued',
        entityType: 'bank_api_key',
        entityId: keyId,
        summary: { bankCode, activeKeys: active + 1 },
      });
      return { keyId, bankCode, secret, createdAt };
    });
  }

  /** Revokes a key at once (the next request signed with it is refused with KEY_REVOKED). */
  async revokeKey(actor: Principal, keyId: string): Promise<BankApiKey> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (em) => {
      const key = await em.findOne(BankApiKey, { where: { keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw bankKeyNotFound(keyId);
      if (key.revokedAt) return key;
      key.revokedAt = this.clock.now();
      await em.update(BankApiKey, { keyId }, { revokedAt: key.revokedAt });
      await this.audit.record(em, {
        actor,
        action: 'identity.bank_key.revoked',
        entityType: 'bank_api_key',
        entityId: keyId,
        summary: { bankCode: key.bankCode },
      });
      return key;
    });
  }
}

function assertAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN))
    throw new Forbidden('Only a county administrator may manage partner banks and their keys');
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden('Only the county office and discipline supervisors may see partner banks');
}
