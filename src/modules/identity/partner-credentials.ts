import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, IsNull } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { decrypt, encrypt } from '../../platform/crypto/crypto';
import { DomainError } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { text } from '../../platform/i18n/text';

export const PARTNER_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,31}$/;
/** bank-api.md: two keys may be active at once so a partner can rotate. */
export const MAX_ACTIVE_KEYS = 2;

/** What a partner table and its key table have in common (banks, platforms, the credit-sharing platform). */
interface PartnerRow {
  code: string;
  name: string;
  createdAt: Date;
}
interface KeyRow {
  keyId: string;
  secretEncrypted: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** One kind of signing partner: its tables, the key column naming the partner, its key prefix, names and errors. */
export interface PartnerKind<P extends PartnerRow, K extends KeyRow> {
  /**
   * `bank`, `platform` or `credit_platform`: audit actions `identity.<noun>.registered`,
   * `identity.<noun>_key.issued|revoked`.
   */
  noun: 'bank' | 'platform' | 'credit_platform';
  partner: EntityTarget<P>;
  key: EntityTarget<K>;
  /** The key table's column naming the partner (`bankCode`, `platformCode`, `creditPlatformCode`). */
  owner: keyof K & string;
  keyPrefix: 'bk' | 'pk' | 'ck';
  errors: {
    notFound(code: string): DomainError;
    exists(code: string): DomainError;
    keyLimit(code: string): DomainError;
    keyNotFound(keyId: string): DomainError;
  };
}

export interface IssuedSecret {
  keyId: string;
  /** Shown once, to the administrator who issued it; stored only encrypted. */
  secret: string;
  createdAt: Date;
}

/**
 * Registration, key issue and revocation of a signing partner (a bank, a platform): 32 random bytes
 * (base64url) per secret, AES-256-GCM at rest, at most two active keys for rotation, each change audited
 * in its transaction. The tables stay separate per kind, so one kind's key is unknown to the other's routes.
 */
export class PartnerCredentials<P extends PartnerRow, K extends KeyRow> {
  constructor(
    private readonly kind: PartnerKind<P, K>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly encryptionKey: Buffer,
  ) {}

  /** The key with its decrypted secret, or null (the signature guards' credential stores). */
  async findKey(keyId: string): Promise<(K & { secret: string }) | null> {
    const key = await this.dataSource
      .getRepository(this.kind.key)
      .createQueryBuilder('k')
      .addSelect('k.secretEncrypted')
      .where('k.key_id = :keyId', { keyId })
      .getOne();
    return key ? { ...key, secret: decrypt(this.encryptionKey, key.secretEncrypted) } : null;
  }

  async register(actor: Principal, input: { code: string; name: string }): Promise<P> {
    const code = input.code.trim();
    const name = input.name.trim();
    const problems = new Problems();
    problems.check(
      PARTNER_CODE_PATTERN.test(code),
      'code',
      text(
        'must be 2–32 characters A-Z, 0-9 and _, starting with a letter',
        '须为 2–32 个字符（A-Z、0-9 和 _），以字母开头',
      ),
    );
    problems.check(name && name.length <= 100, 'name', text('must be 1–100 characters', '须为 1–100 个字符'));
    problems.throwIfAny();
    const { noun } = this.kind;
    return this.dataSource.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(this.kind.partner)
        .values({ code, name, createdAt: this.clock.now() } as never)
        .orIgnore()
        .returning('code')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) throw this.kind.errors.exists(code);
      await this.audit.record(em, {
        actor,
        action: `identity.${noun}.registered`,
        entityType: `partner_${noun}`,
        entityId: code,
        summary: { code, name },
      });
      return em.findOneByOrFail(this.kind.partner, { code } as FindOptionsWhere<P>);
    });
  }

  /** Issues a key (at most two active per partner). The secret is returned here and never again. */
  async issueKey(actor: Principal, code: string): Promise<IssuedSecret> {
    const { noun, owner } = this.kind;
    return this.dataSource.transaction(async (em) => {
      const partner = await em.findOne(this.kind.partner, {
        where: { code } as FindOptionsWhere<P>,
        lock: { mode: 'pessimistic_write' },
      });
      if (!partner) throw this.kind.errors.notFound(code);
      const active = await em.countBy(this.kind.key, { [owner]: code, revokedAt: IsNull() } as FindOptionsWhere<K>);
      if (active >= MAX_ACTIVE_KEYS) throw this.kind.errors.keyLimit(code);
      const keyId = `${this.kind.keyPrefix}_${randomBytes(12).toString('hex')}`;
      const secret = randomBytes(32).toString('base64url');
      const createdAt = this.clock.now();
      await em.insert(this.kind.key, {
        keyId,
        [owner]: code,
        secretEncrypted: encrypt(this.encryptionKey, secret),
        createdAt,
        revokedAt: null,
      } as never);
      await this.audit.record(em, {
        actor,
        action: `identity.${noun}_key.issued`,
        entityType: `${noun}_api_key`,
        entityId: keyId,
        summary: { [owner]: code, activeKeys: active + 1 },
      });
      return { keyId, secret, createdAt };
    });
  }

  /** Revokes a key at once (the next request signed with it is refused with KEY_REVOKED); again is a no-op. */
  async revokeKey(actor: Principal, keyId: string): Promise<K> {
    const { noun, owner } = this.kind;
    return this.dataSource.transaction(async (em: EntityManager) => {
      const key = await em.findOne(this.kind.key, {
        where: { keyId } as FindOptionsWhere<K>,
        lock: { mode: 'pessimistic_write' },
      });
      if (!key) throw this.kind.errors.keyNotFound(keyId);
      if (key.revokedAt) return key;
      key.revokedAt = this.clock.now();
      await em.update(this.kind.key, { keyId } as FindOptionsWhere<K>, { revokedAt: key.revokedAt } as never);
      await this.audit.record(em, {
        actor,
        action: `identity.${noun}_key.revoked`,
        entityType: `${noun}_api_key`,
        entityId: keyId,
        summary: { [owner]: key[owner] },
      });
      return key;
    });
  }
}
