import { createHash } from 'node:crypto';
import { stringProblem } from '../../../platform/graphql/query-limits';
import { Problems } from '../../../platform/errors/problems';
import { constraintText } from '../../../platform/http/validation';
import { IS_REQUIRED } from '../../../platform/i18n/field-texts';
import { Text, text } from '../../../platform/i18n/text';

/**
 * Item-level shape checks of what a partner platform posts (docs/platform-api.md). An item of the wrong
 * shape is REJECTED with code INVALID and a message naming the field (in both languages, ADR 0021); the rules themselves (caps, course,
 * institution, training time …) are the prepaid services', the same as on the GraphQL path, and their
 * refusals are REJECTED with the service's own error code. The envelope is checked by `platformBatch` (400).
 */
export type PlatformItemKind = 'CONTRACT' | 'LESSON_RECORD' | 'LESSON_CONFIRMATION';

/** A platform's own id of an item: 1–100 printable ASCII characters without spaces. */
export const EXTERNAL_ID = /^[\x21-\x7e]{1,100}$/;

export interface ContractItem {
  externalId: string;
  institutionCreditCode: string;
  courseId: string;
  studentName: string;
  payerName: string;
  payerPhone: string;
  lessonsBought: number;
  lessonMinutes: number | null;
  pricePerLesson: string;
  periodStart: string;
  periodEnd: string;
  paymentRoute: string;
  paymentMethod: string;
  refundTerms: string;
}

export interface LessonRecordItem {
  externalId: string;
  contractExternalId: string;
  taughtOn: string;
  lessons: number;
}

export interface LessonConfirmationItem {
  externalId: string;
  lessonExternalId: string;
}

export type Checked<T> = { ok: true; value: T; contentHash: string } | { ok: false; message: Text };

type FieldSpec =
  { type: 'string'; max: number; optional?: boolean } | { type: 'int'; min: number; max: number; optional?: boolean };

const CONTRACT_FIELDS: Record<keyof ContractItem, FieldSpec> = {
  externalId: { type: 'string', max: 100 },
  institutionCreditCode: { type: 'string', max: 18 },
  courseId: { type: 'string', max: 36 },
  studentName: { type: 'string', max: 50 },
  payerName: { type: 'string', max: 50 },
  payerPhone: { type: 'string', max: 20 },
  lessonsBought: { type: 'int', min: 1, max: 10_000 },
  lessonMinutes: { type: 'int', min: 1, max: 600, optional: true },
  pricePerLesson: { type: 'string', max: 15 },
  periodStart: { type: 'string', max: 10 },
  periodEnd: { type: 'string', max: 10 },
  paymentRoute: { type: 'string', max: 20 },
  paymentMethod: { type: 'string', max: 20 },
  refundTerms: { type: 'string', max: 4000 },
};

const LESSON_RECORD_FIELDS: Record<keyof LessonRecordItem, FieldSpec> = {
  externalId: { type: 'string', max: 100 },
  contractExternalId: { type: 'string', max: 100 },
  taughtOn: { type: 'string', max: 10 },
  lessons: { type: 'int', min: 1, max: 100 },
};

const LESSON_CONFIRMATION_FIELDS: Record<keyof LessonConfirmationItem, FieldSpec> = {
  externalId: { type: 'string', max: 100 },
  lessonExternalId: { type: 'string', max: 100 },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks an item against its fields: an object, no unknown field, each string a string within its length
 * (and storable: no NUL, lone surrogate or control character), each integer an integer within its range,
 * the ids a platform sends (`externalId`, `…ExternalId`) of the EXTERNAL_ID form. The content hash is
 * over the fields in their declared order, so the same content in another key order is the same item.
 */
const fail = (message: Text): { ok: false; message: Text } => ({ ok: false, message });
/** "<field> <problem>": the field's name (as the platform sends it) before the problem, in both languages. */
const field = (name: string, problem: Text): Text => text(`${name} ${problem.en}`, `${name} ${problem.zh}`);

/** `what` names the item in both languages ({ en: 'contract', zh: '合同' }). */
function check<T>(raw: unknown, what: Text, fields: Record<string, FieldSpec>): Checked<T> {
  if (!isObject(raw)) return fail(text(`a ${what.en} must be an object`, `${what.zh}须为 JSON 对象`));
  for (const key of Object.keys(raw))
    if (!Object.hasOwn(fields, key))
      return fail(text(`${key} is not a field of a ${what.en}`, `${key} 不是${what.zh}的字段`));
  const value: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const v = raw[name];
    if (v === undefined || v === null) {
      if (spec.optional) {
        value[name] = null;
        continue;
      }
      return fail(field(name, IS_REQUIRED));
    }
    if (spec.type === 'string') {
      if (typeof v !== 'string' || v.length === 0 || v.length > spec.max)
        return fail(
          text(`${name} must be a string of 1–${spec.max} characters`, `${name} 须为 1–${spec.max} 个字符的字符串`),
        );
      const problem = stringProblem(v, spec.max);
      if (problem) return fail(field(name, problem));
      if (/externalId$/i.test(name) && !EXTERNAL_ID.test(v))
        return fail(
          text(
            `${name} must be 1–100 printable ASCII characters without spaces`,
            `${name} 须为 1–100 个可打印 ASCII 字符，不含空格`,
          ),
        );
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < spec.min || v > spec.max) {
      return fail(
        text(
          `${name} must be an integer from ${spec.min} to ${spec.max}`,
          `${name} 须为 ${spec.min} 到 ${spec.max} 之间的整数`,
        ),
      );
    }
    value[name] = v;
  }
  const canonical = JSON.stringify(Object.keys(fields).map((k) => value[k]));
  return { ok: true, value: value as T, contentHash: createHash('sha256').update(canonical).digest('hex') };
}

export const checkContractItem = (raw: unknown): Checked<ContractItem> =>
  check(raw, text('contract', '合同'), CONTRACT_FIELDS);
export const checkLessonRecordItem = (raw: unknown): Checked<LessonRecordItem> =>
  check(raw, text('lesson record', '课消记录'), LESSON_RECORD_FIELDS);
export const checkLessonConfirmationItem = (raw: unknown): Checked<LessonConfirmationItem> =>
  check(raw, text('lesson confirmation', '课消确认'), LESSON_CONFIRMATION_FIELDS);

/** The field of each batch's envelope. */
export const BATCH_FIELD = {
  CONTRACT: 'contracts',
  LESSON_RECORD: 'lessonRecords',
  LESSON_CONFIRMATION: 'lessonConfirmations',
} as const satisfies Record<PlatformItemKind, string>;

export const MAX_PLATFORM_BATCH_ITEMS = 1000;

/**
 * The envelope of a platform batch: `{ "<field>": [1–1,000 items] }` and nothing else (400
 * VALIDATION_FAILED otherwise, with the bank interface's messages); each item is checked on its own later.
 */
export function platformBatch(body: unknown, field: string): unknown[] {
  const value =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const problems = new Problems();
  for (const key of Object.keys(value))
    if (key !== field)
      problems.add(key, constraintText('whitelistValidation', key, `property ${key} should not exist`));
  const items = value[field];
  if (!Array.isArray(items)) problems.add(field, constraintText('isArray', field, `${field} must be an array`));
  else if (items.length > MAX_PLATFORM_BATCH_ITEMS)
    problems.add(
      field,
      constraintText('arrayMaxSize', field, `${field} must contain no more than ${MAX_PLATFORM_BATCH_ITEMS} elements`, [
        MAX_PLATFORM_BATCH_ITEMS,
      ]),
    );
  else if (items.length < 1)
    problems.add(field, constraintText('arrayMinSize', field, `${field} must contain at least 1 elements`, [1]));
  problems.throwIfAny();
  return items as unknown[];
}
