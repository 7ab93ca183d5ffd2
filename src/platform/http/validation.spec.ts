import { IsEnum, IsIn, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidationFailed } from '../errors/domain-error';
import { createValidationPipe } from './validation';

enum Colour {
  RED = 'RED',
  BLUE = 'BLUE',
}

class Inner {
  @Min(3)
  n!: number;
}

class Sample {
  @IsString()
  @MaxLength(5)
  name!: string;

  @Length(2, 4)
  code!: string;

  @IsIn(['x', 'y'])
  kind!: string;

  @IsEnum(Colour)
  colour!: Colour;

  @Matches(/^\d{9}$/, { message: 'townshipCode must be 9 digits' })
  townshipCode!: string;

  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;
}

async function problems(value: unknown): Promise<Record<string, { en: string; zh: string }[]>> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Sample });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    const out: Record<string, { en: string; zh: string }[]> = {};
    for (const p of (error as ValidationFailed).errors ?? []) (out[p.path] ??= []).push(p.message);
    return out;
  }
  throw new Error('the value passed validation');
}

describe('class-validator messages in both languages', () => {
  it('keeps the English and writes the Chinese from the constraint and its arguments', async () => {
    const found = await problems({
      name: 'far too long',
      code: 'x',
      kind: 'z',
      colour: 'GREEN',
      townshipCode: 'abc',
      inner: { n: 1 },
      extra: 1,
    });
    expect(found.name).toEqual([
      { en: 'name must be shorter than or equal to 5 characters', zh: 'name 不能超过 5 个字符' },
    ]);
    expect(found.code![0]!.zh).toBe('code 的长度须在 2 到 4 个字符之间');
    expect(found.kind![0]!.zh).toBe('kind 须为以下值之一：x、y');
    expect(found.colour![0]!.zh).toBe('colour 须为以下值之一：RED、BLUE');
    expect(found.townshipCode).toEqual([
      { en: 'townshipCode must be 9 digits', zh: 'townshipCode 格式不正确，应为：9 位数字' },
    ]);
    expect(found['inner.n']).toEqual([{ en: 'n must not be less than 3', zh: 'n 不能小于 3' }]);
    expect(found.extra).toEqual([{ en: 'property extra should not exist', zh: '不允许提交字段 extra' }]);
  });
});
