import { Logger } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { Conflict } from '../../platform/errors/domain-error';
import { NotificationsFacade } from '../notifications';
import { RegistryFacade } from '../registry';
import { CreditEntryService } from './credit-entry.service';
import { CreditQueries } from './credit.queries';
import { WhitelistEligibilityService } from './whitelist-eligibility.service';
import { WhitelistReviewTask } from './whitelist-review.task';
import { text } from '../../platform/i18n/text';

const INSTITUTION = '0b5f1a52-6c1e-4b8e-9a8e-3f1f2b6c7d01';

/** The weekly review over one eligible, unlisted institution whose proposal fails with `failure`. */
async function reviewFailingWith(failure: Error): Promise<{ result: unknown; warned: unknown[] }> {
  const dataSource = {
    query: jest.fn().mockResolvedValue([]), // no whitelisted entries, nothing listed
    transaction: jest.fn().mockRejectedValue(failure),
  } as unknown as DataSource;
  const registry = {
    listOperatingInstitutionIds: async () => [INSTITUTION],
    getInstitutions: async (ids: string[]) => ids.map((id) => ({ id, name: '阳光培训学校' })),
  } as unknown as RegistryFacade;
  const eligibility = {
    evaluate: async (ids: string[]) =>
      ids.map((institutionId) => ({ institutionId, eligible: true, reasons: [], reasonTexts: [] })),
  } as unknown as WhitelistEligibilityService;
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  try {
    const task = new WhitelistReviewTask(
      dataSource,
      registry,
      eligibility,
      {} as CreditEntryService,
      {
        whitelistReviewState: async () => ({ whitelisted: [], listed: new Set<string>() }),
      } as unknown as CreditQueries,
      {} as NotificationsFacade,
    );
    const result = await task.run(new Date('2026-11-30T22:00:00Z'));
    return { result, warned: warn.mock.calls.map((c) => c[0]) };
  } finally {
    warn.mockRestore();
  }
}

describe('whitelist review log', () => {
  it('logs a failed proposal through safeError: the SQLSTATE and constraint, never the values PostgreSQL quotes', async () => {
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "uq_credit_entry_active" for "张三 13800138000"'),
      {
        code: '23505',
        severity: 'ERROR',
        constraint: 'uq_credit_entry_active',
        table: 'credit_entry',
        detail: 'Key (institution_name)=(张三 13800138000) already exists.',
      },
    );
    const failure = new QueryFailedError('INSERT INTO credit_entry …', ['张三 13800138000'], driverError);
    const { result, warned } = await reviewFailingWith(failure);
    expect(result).toEqual({ proposed: 0, flagged: 0 }); // the review goes on
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({
      msg: `whitelist proposal for ${INSTITUTION} skipped`,
      err: { type: 'QueryFailedError', code: '23505', constraint: 'uq_credit_entry_active', table: 'credit_entry' },
    });
    const line = JSON.stringify(warned[0]);
    expect(line).not.toContain('13800138000');
    expect(line).not.toContain('张三');
    expect(line).not.toContain('INSERT INTO');
  });

  it('keeps the code and message of a refusal', async () => {
    const refusal = new Conflict(
      'CREDIT_ENTRY_ALREADY_ACTIVE',
      text('The institution already has an active WHITE entry', '该机构已有提议中或已公布的白名单条目'),
    );
    const { warned } = await reviewFailingWith(refusal);
    expect(warned[0]).toMatchObject({
      msg: `whitelist proposal for ${INSTITUTION} skipped`,
      err: { code: 'CREDIT_ENTRY_ALREADY_ACTIVE', message: 'The institution already has an active WHITE entry' },
    });
  });
});
