import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';
import { Text, joinTexts, text } from '../../platform/i18n/text';

export const creditRecordNotFound = (id: string): NotFound =>
  new NotFound(text(`Credit record ${id}`, `信用记录 ${id}`), 'CREDIT_RECORD_NOT_FOUND');

export const creditEntryNotFound = (id: string): NotFound =>
  new NotFound(text(`List entry ${id}`, `名单条目 ${id}`), 'CREDIT_ENTRY_NOT_FOUND');

export { institutionNotFound } from '../registry';

/** What was asked of an entry, in each language. */
const ENTRY_COMMANDS: Record<string, string> = {
  approved: '批准',
  rejected: '驳回',
  'proposed for removal': '提议移出名单',
  removed: '移出名单',
  'kept after a removal proposal': '在移出提议后保留',
};

/** The list kinds (黑名单, 白名单, 灰名单). */
const KINDS: Record<string, string> = { BLACK: '黑名单', WHITE: '白名单', GREY: '灰名单' };
const kindZh = (kind: string): string => KINDS[kind] ?? kind;

export const entryStateConflict = (status: string, wanted: string): Conflict =>
  new Conflict(
    'CREDIT_ENTRY_STATE_CONFLICT',
    text(
      `The entry is ${status}; it cannot be ${wanted}`,
      `该名单条目状态为 ${status}，不能${ENTRY_COMMANDS[wanted] ?? wanted}`,
    ),
  );

export const entryAlreadyActive = (kind: string): Conflict =>
  new Conflict(
    'CREDIT_ENTRY_ALREADY_ACTIVE',
    text(
      `The institution already has a proposed or published ${kind} entry`,
      `该机构已有提议中或已公布的${kindZh(kind)}条目`,
    ),
  );

export const institutionBlacklisted = (): Conflict =>
  new Conflict(
    'INSTITUTION_BLACKLISTED',
    text(
      'The institution is on (or proposed for) the black list; it cannot be white- or grey-listed',
      '该机构已列入（或被提议列入）黑名单，不能列入白名单或灰名单',
    ),
  );

export const recordAlreadyRevoked = (): Conflict =>
  new Conflict('CREDIT_RECORD_ALREADY_REVOKED', text('The credit record is already revoked', '该信用记录已撤销'));

export const unknownCreditReason = (code: string, kind: string): DomainError =>
  new DomainError(
    'CREDIT_REASON_UNKNOWN',
    text(
      `"${code}" is not a reason category for ${kind} entries (see creditReasons)`,
      `“${code}”不是${kindZh(kind)}条目的事由类别（见 creditReasons）`,
    ),
  );

export const notEligibleForWhitelist = (reasons: Text[]): Conflict =>
  new Conflict(
    'WHITELIST_NOT_ELIGIBLE',
    text(
      `The institution does not qualify for the white list: ${joinTexts(reasons).en}`,
      `该机构不符合列入白名单的条件：${joinTexts(reasons).zh}`,
    ),
  );
