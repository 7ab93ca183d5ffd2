import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export const creditRecordNotFound = (id: string): NotFound =>
  new NotFound(`Credit record ${id}`, 'CREDIT_RECORD_NOT_FOUND');

export const creditEntryNotFound = (id: string): NotFound => new NotFound(`List entry ${id}`, 'CREDIT_ENTRY_NOT_FOUND');

export { institutionNotFound } from '../registry';

export const entryStateConflict = (status: string, wanted: string): Conflict =>
  new Conflict('CREDIT_ENTRY_STATE_CONFLICT', `The entry is ${status}; it cannot be ${wanted}`);

export const entryAlreadyActive = (kind: string): Conflict =>
  new Conflict('CREDIT_ENTRY_ALREADY_ACTIVE', `The institution already has a proposed or published ${kind} entry`);

export const institutionBlacklisted = (): Conflict =>
  new Conflict(
    'INSTITUTION_BLACKLISTED',
    'The institution is on (or proposed for) the black list; it cannot be white- or grey-listed',
  );

export const recordAlreadyRevoked = (): Conflict =>
  new Conflict('CREDIT_RECORD_ALREADY_REVOKED', 'The credit record is already revoked');

export const unknownCreditReason = (code: string, kind: string): DomainError =>
  new DomainError(
    'CREDIT_REASON_UNKNOWN',
    `"${code}" is not a reason category for ${kind} entries (see creditReasons)`,
  );

export const notEligibleForWhitelist = (reasons: string[]): Conflict =>
  new Conflict('WHITELIST_NOT_ELIGIBLE', `The institution does not qualify for the white list: ${reasons.join('; ')}`);
