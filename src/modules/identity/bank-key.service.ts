import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { BankKeyRecord, BankKeyStore } from '../../platform/auth/credential-stores';
import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { BankApiKey } from './entities/bank-api-key.entity';
import { PartnerBank } from './entities/partner-bank.entity';
import { bankExists, bankKeyLimit, bankKeyNotFound, bankNotFound } from './identity.errors';
import { PartnerCredentials, PartnerKind } from './partner-credentials';
import { text } from '../../platform/i18n/text';

const BANKS: PartnerKind<PartnerBank, BankApiKey> = {
  noun: 'bank',
  partner: PartnerBank,
  key: BankApiKey,
  owner: 'bankCode',
  keyPrefix: 'bk',
  errors: { notFound: bankNotFound, exists: bankExists, keyLimit: bankKeyLimit, keyNotFound: bankKeyNotFound },
};

export interface IssuedBankKey {
  keyId: string;
  bankCode: string;
  /** Shown once, to the administrator who issued it; stored only encrypted. */
  secret: string;
  createdAt: Date;
}

/**
 * Partner banks and their API keys. They live with identity because they are credentials; escrow owns
 * the banks' accounts. Registration and keys follow the partners' one scheme (PartnerCredentials).
 */
@Injectable()
export class BankKeyService implements BankKeyStore {
  private readonly credentials: PartnerCredentials<PartnerBank, BankApiKey>;

  constructor(
    dataSource: DataSource,
    @InjectRepository(PartnerBank) private readonly banks: Repository<PartnerBank>,
    @InjectRepository(BankApiKey) private readonly keys: Repository<BankApiKey>,
    audit: AuditService,
    clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.credentials = new PartnerCredentials(BANKS, dataSource, audit, clock, config.security.encryptionKey);
  }

  async findKey(keyId: string): Promise<BankKeyRecord | null> {
    const key = await this.credentials.findKey(keyId);
    return key && { keyId: key.keyId, bankCode: key.bankCode, revoked: key.revokedAt !== null, secret: key.secret };
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

  registerBank(actor: Principal, input: { code: string; name: string }): Promise<PartnerBank> {
    assertAdmin(actor);
    return this.credentials.register(actor, input);
  }

  /** Issues a key (at most two active per bank). The secret is returned here and never again. */
  async issueKey(actor: Principal, bankCode: string): Promise<IssuedBankKey> {
    assertAdmin(actor);
    return { ...(await this.credentials.issueKey(actor, bankCode)), bankCode };
  }

  /** Revokes a key at once (the next request signed with it is refused with KEY_REVOKED). */
  revokeKey(actor: Principal, keyId: string): Promise<BankApiKey> {
    assertAdmin(actor);
    return this.credentials.revokeKey(actor, keyId);
  }
}

function assertAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN))
    throw new Forbidden(
      text(
        'Only a county administrator may manage partner banks and their keys',
        '只有县级管理员可以管理合作银行及其接口密钥',
      ),
    );
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden(
      text(
        'Only the county office and discipline supervisors may see partner banks',
        '只有县级管理部门和纪检监督人员可以查看合作银行',
      ),
    );
}
