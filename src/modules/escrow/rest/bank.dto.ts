import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Problems } from '../../../platform/errors/problems';
import { constraintText } from '../../../platform/http/validation';
import { Text } from '../../../platform/i18n/text';

export const MAX_BATCH_ITEMS = 1000;

/**
 * Keys the DTO path never saw: the pipe strips the prototype keys, and class-transformer skips a key
 * that names a method of the new instance (toString, valueOf, hasOwnProperty …).
 */
const ignored = (key: string): boolean =>
  key === '__proto__' ||
  key === 'constructor' ||
  key === 'prototype' ||
  typeof (Object.prototype as unknown as Record<string, unknown>)[key] === 'function';

/**
 * The envelope of POST /statements and /transactions: `{ "<field>": [1–1,000 items] }` and nothing else;
 * each item is checked on its own later (INVALID, not 400). Checked by hand rather than by a class-validator
 * DTO: the global ValidationPipe would first copy all 1,000 items with class-transformer to look at one
 * property. The 400 it throws is the one that DTO gave, message for message and in the same order (unknown
 * properties first, then the array's constraints; keys the pipe never saw are ignored, and a body that
 * is not an object is treated as an empty one) — bank.dto.spec.ts compares the two.
 */
const tooMany = (field: string): Text =>
  constraintText('arrayMaxSize', field, `${field} must contain no more than ${MAX_BATCH_ITEMS} elements`, [
    MAX_BATCH_ITEMS,
  ]);
const tooFew = (field: string): Text =>
  constraintText('arrayMinSize', field, `${field} must contain at least 1 elements`, [1]);

export function batchItems(body: unknown, field: 'statements' | 'transactions'): unknown[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems = new Problems();
  for (const key of Object.keys(value)) {
    if (key !== field && !ignored(key))
      problems.add(key, constraintText('whitelistValidation', key, `property ${key} should not exist`));
  }
  const items = Array.isArray(value) ? undefined : value[field];
  if (!Array.isArray(items)) {
    problems
      .add(field, tooMany(field))
      .add(field, tooFew(field))
      .add(field, constraintText('isArray', field, `${field} must be an array`));
  } else if (items.length > MAX_BATCH_ITEMS) {
    problems.add(field, tooMany(field));
  } else if (items.length < 1) {
    problems.add(field, tooFew(field));
  }
  problems.throwIfAny();
  return items as unknown[];
}

export class AccountsQuery {
  @IsOptional()
  @IsIn(['ACTIVE', 'FROZEN', 'CLOSED'])
  status?: 'ACTIVE' | 'FROZEN' | 'CLOSED';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** ?actions=FREEZE,UNFREEZE,RELEASE,REFUND: a comma-separated list of the actions a bank handles. */
export const ACTIONS_PATTERN = /^(FREEZE|UNFREEZE|RELEASE|REFUND)(,(FREEZE|UNFREEZE|RELEASE|REFUND)){0,3}$/;

export class InstructionsQuery {
  @IsOptional()
  @IsIn(['PENDING', 'EXECUTED', 'REFUSED'])
  status?: 'PENDING' | 'EXECUTED' | 'REFUSED';

  @IsOptional()
  @IsString()
  @Matches(ACTIONS_PATTERN, {
    message: 'actions must be a comma-separated list of FREEZE, UNFREEZE, RELEASE, REFUND',
  })
  actions?: string;
}

/** The actions a bank asked for; FREEZE and UNFREEZE when it did not ask (strict v1 clients). */
export function requestedActions(query: InstructionsQuery): ('FREEZE' | 'UNFREEZE' | 'RELEASE' | 'REFUND')[] {
  if (query.actions === undefined) return ['FREEZE', 'UNFREEZE'];
  return [...new Set(query.actions.split(',') as ('FREEZE' | 'UNFREEZE' | 'RELEASE' | 'REFUND')[])];
}

export class AckBody {
  @IsIn(['EXECUTED', 'REFUSED'])
  outcome!: 'EXECUTED' | 'REFUSED';

  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'executedAt must carry an offset (Z or ±hh:mm)' })
  executedAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
