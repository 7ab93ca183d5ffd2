import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { safeEqual } from '../../platform/crypto/crypto';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { UUID } from '../../platform/ids/uuid';
import { contractCodeHash, normaliseContractCode, phoneLast4Hash } from './contract-code';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidLesson } from './entities/prepaid-lesson.entity';
import { contractScope, readScope } from './prepaid.access';
import { contractCodeNotFound, contractNotFound } from './prepaid.errors';
import { ContractFilter } from './prepaid.types';

/** The prepaid module's reads: scoped lists and lookups, and the parent's code lookup. */
@Injectable()
export class PrepaidQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A contract the actor may see, or PREPAID_CONTRACT_NOT_FOUND (also for one out of scope). */
  async contract(actor: Principal, id: string): Promise<PrepaidContract> {
    if (!UUID.test(id)) throw contractNotFound(id);
    const qb = this.dataSource.getRepository(PrepaidContract).createQueryBuilder('c').where('c.id = :id', { id });
    applyScope(qb, actor, contractScope('c'), readScope(actor));
    const found = await qb.getOne();
    if (!found) throw contractNotFound(id);
    return found;
  }

  /** The contracts with these ids the actor may see, in one statement (the others are left out; for DataLoaders). */
  contractsByIds(actor: Principal, ids: readonly string[]): Promise<PrepaidContract[]> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    if (valid.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(PrepaidContract)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids: valid });
    applyScope(qb, actor, contractScope('c'), readScope(actor));
    return qb.getMany();
  }

  async contracts(actor: Principal, filter: ContractFilter, page: PageArgs): Promise<Connection<PrepaidContract>> {
    const qb = this.dataSource.getRepository(PrepaidContract).createQueryBuilder('c');
    if (filter.institutionId) qb.andWhere('c.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.townshipCode) qb.andWhere('c.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    applyScope(qb, actor, contractScope('c'), readScope(actor));
    return paginate(qb, page, {
      list: 'prepaid.contracts',
      valueType: 'timestamp',
      column: 'c.created_at',
      value: (c) => c.createdAt,
      tieBreaker: 'c.id',
      tieValue: (c) => c.id,
      direction: 'DESC',
    });
  }

  /** Lessons of contracts already scoped by the caller, in the order taught. */
  lessonsOf(contractIds: readonly string[]): Promise<PrepaidLesson[]> {
    if (contractIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(PrepaidLesson)
      .createQueryBuilder('l')
      .where('l.contract_id IN (:...ids)', { ids: [...new Set(contractIds)] })
      .orderBy('l.taught_on', 'ASC')
      .addOrderBy('l.recorded_at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getMany();
  }

  /**
   * The contract a parent holds: the printed code and the last 4 digits of the paying phone. An unknown
   * code and a wrong second factor give the same answer (PREPAID_CONTRACT_CODE_NOT_FOUND); callers throttle.
   */
  async findByCode(code: string, phoneLast4: string): Promise<PrepaidContract> {
    const canonical = normaliseContractCode(code);
    const digits = /^\d{4}$/.test(phoneLast4.trim()) ? phoneLast4.trim() : null;
    const key = this.config.security.piiHashKey;
    const found = canonical
      ? await this.dataSource
          .getRepository(PrepaidContract)
          .findOneBy({ contractCodeHash: contractCodeHash(key, canonical) })
      : null;
    // The second factor's hash is computed either way, so both refusals take the same work.
    const expected = phoneLast4Hash(key, found?.id ?? '00000000-0000-0000-0000-000000000000', digits ?? '0000');
    if (!found || !digits || !safeEqual(expected, found.payerPhoneLast4Hash)) throw contractCodeNotFound();
    return found;
  }
}
