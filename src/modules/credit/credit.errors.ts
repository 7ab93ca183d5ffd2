import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export class CreditRecordNotFound extends NotFound {
  constructor(id: string) {
    super(`Credit record ${id}`, 'CREDIT_RECORD_NOT_FOUND');
  }
}

export class CreditEntryNotFound extends NotFound {
  constructor(id: string) {
    super(`List entry ${id}`, 'CREDIT_ENTRY_NOT_FOUND');
  }
}

export { institutionNotFound } from '../registry';

/** Approving (or deciding on) one's own proposal: the two-step rule needs a second person. */
export { SelfApprovalForbidden } from '../../platform/errors/domain-error';

export class EntryStateConflict extends Conflict {
  constructor(status: string, wanted: string) {
    super('CREDIT_ENTRY_STATE_CONFLICT', `The entry is ${status}; it cannot be ${wanted}`);
  }
}

export class EntryAlreadyActive extends Conflict {
  constructor(kind: string) {
    super('CREDIT_ENTRY_ALREADY_ACTIVE', `The institution already has a proposed or published ${kind} entry`);
  }
}

export class InstitutionBlacklisted extends Conflict {
  constructor() {
    super(
      'INSTITUTION_BLACKLISTED',
      'The institution is on (or proposed for) the black list; it cannot be white- or grey-listed',
    );
  }
}

export class RecordAlreadyRevoked extends Conflict {
  constructor() {
    super('CREDIT_RECORD_ALREADY_REVOKED', 'The credit record is already revoked');
  }
}

export class UnknownCreditReason extends DomainError {
  constructor(code: string, kind: string) {
    super('CREDIT_REASON_UNKNOWN', `"${code}" is not a reason category for ${kind} entries (see creditReasons)`);
  }
}

export class NotEligibleForWhitelist extends Conflict {
  constructor(reasons: string[]) {
    super('WHITELIST_NOT_ELIGIBLE', `The institution does not qualify for the white list: ${reasons.join('; ')}`);
  }
}
