import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import fc from 'fast-check';
import { ValidationFailed } from '../../../platform/errors/domain-error';
import { createValidationPipe } from '../../../platform/http/validation';
import { MAX_BATCH_ITEMS, batchItems } from './bank.dto';

/** The class-validator DTO the hand-written envelope check replaces: its answers are the reference. */
class StatementsBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  statements!: unknown[];
}

const pipe = createValidationPipe();
const metadata: ArgumentMetadata = { type: 'body', metatype: StatementsBody, data: undefined };

async function viaPipe(body: unknown): Promise<{ ok: unknown[] } | { errors: unknown }> {
  try {
    return { ok: ((await pipe.transform(body, metadata)) as StatementsBody).statements };
  } catch (e) {
    if (e instanceof ValidationFailed) return { errors: e.errors };
    throw e;
  }
}

function viaHand(body: unknown): { ok: unknown[] } | { errors: unknown } {
  try {
    return { ok: batchItems(body, 'statements') };
  } catch (e) {
    if (e instanceof ValidationFailed) return { errors: e.errors };
    throw e;
  }
}

/** Compares the two on a body as JSON.parse gives it (the pipe strips keys in place, so each gets its own). */
async function same(json: string): Promise<void> {
  const hand = viaHand(JSON.parse(json));
  const reference = await viaPipe(JSON.parse(json));
  if ('ok' in reference) {
    expect('ok' in hand).toBe(true);
    // The pipe also strips prototype keys inside the items; the item checks never read those keys.
    expect((hand as { ok: unknown[] }).ok).toHaveLength(reference.ok.length);
  } else {
    expect(hand).toEqual(reference);
  }
}

describe('batchItems (bank batch envelope)', () => {
  it.each([
    'null',
    '5',
    'true',
    '"x"',
    '[]',
    '[1,2]',
    '[{"statements":[1]}]',
    '{}',
    '{"statements":null}',
    '{"statements":"a"}',
    '{"statements":{}}',
    '{"statements":[]}',
    `{"statements":[${new Array(MAX_BATCH_ITEMS + 1).fill('1').join(',')}]}`,
    `{"statements":[${new Array(MAX_BATCH_ITEMS).fill('{}').join(',')}]}`,
    '{"statements":[1],"extra":1}',
    '{"statements":[1],"a":1,"b":2}',
    '{"extra":1}',
    '{"statements":"xxx","a":1}',
    '{"statements":[1],"__proto__":{"x":1}}',
    '{"statements":[1],"constructor":1,"prototype":2}',
    '{"__proto__":{"statements":[1]}}',
    '{"statements":[null,{"__proto__":{"a":1},"accountNo":"1"}]}',
    '{"transactions":[1]}',
    '{"statements":[1],"toString":1,"valueOf":2,"hasOwnProperty":3}',
  ])('answers %s as the class-validator DTO did', async (json) => {
    await same(json);
  });

  it('answers any JSON value as the class-validator DTO did', async () => {
    const key = fc.oneof(
      fc.constantFrom(
        'statements',
        'transactions',
        '__proto__',
        'constructor',
        'prototype',
        '0',
        'toString',
        'valueOf',
        'hasOwnProperty',
        '__defineGetter__',
        'length',
      ),
      fc.string({ maxLength: 6 }),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(
        key,
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, (b) => same(JSON.stringify(b) ?? 'null')),
      { numRuns: 300 },
    );
  });
});
