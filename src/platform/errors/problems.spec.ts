import { ValidationFailed } from './domain-error';
import { Problems } from './problems';
import { text } from '../i18n/text';

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const BLANK = text('must not be blank', '不能为空白');
const FUTURE = text('must be in the future', '须为将来的时间');
const ZERO = text('must not be zero', '不能为零');
const EMPTY = text('must not be empty', '不能为空');

describe('Problems', () => {
  it('throws nothing while no problem was found', () => {
    const problems = new Problems();
    expect(problems.check('text', 'summary', BLANK)).toBe(true);
    expect(problems.check(1, 'count', ZERO)).toBe(true);
    expect(problems.any).toBe(false);
    expect(problems.list).toEqual([]);
    expect(() => problems.throwIfAny()).not.toThrow();
  });

  it('throws every problem at once, in the order found, as VALIDATION_FAILED', () => {
    const problems = new Problems();
    expect(problems.check('', 'summary', BLANK)).toBe(false);
    problems.add('deadlineAt', FUTURE);
    expect(problems.check(0, 'count', ZERO)).toBe(false);
    expect(problems.any).toBe(true);
    const error = thrownBy(() => problems.throwIfAny());
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'The input is not valid',
      errors: [
        { path: 'summary', message: BLANK },
        { path: 'deadlineAt', message: FUTURE },
        { path: 'count', message: ZERO },
      ],
    });
  });

  it('uses the message given, and a problem added later does not change an error already thrown', () => {
    const problems = new Problems().add('name', EMPTY);
    const roster = text('The roster has 1 problem(s)', '教师名册有 1 处问题');
    const error = thrownBy(() => problems.throwIfAny(roster)) as ValidationFailed;
    problems.add('endDate', text('must not be before startDate', '不能早于 startDate'));
    expect(error.message).toBe('The roster has 1 problem(s)');
    expect(error.text).toEqual(roster);
    expect(error.errors).toEqual([{ path: 'name', message: EMPTY }]);
    expect(problems.list).toHaveLength(2);
  });
});
