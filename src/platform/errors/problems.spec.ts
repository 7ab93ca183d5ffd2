import { ValidationFailed } from './domain-error';
import { Problems } from './problems';

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Problems', () => {
  it('throws nothing while no problem was found', () => {
    const problems = new Problems();
    expect(problems.check('text', 'summary', 'must not be blank')).toBe(true);
    expect(problems.check(1, 'count', 'must not be zero')).toBe(true);
    expect(problems.any).toBe(false);
    expect(problems.list).toEqual([]);
    expect(() => problems.throwIfAny()).not.toThrow();
  });

  it('throws every problem at once, in the order found, as VALIDATION_FAILED', () => {
    const problems = new Problems();
    expect(problems.check('', 'summary', 'must not be blank')).toBe(false);
    problems.add('deadlineAt', 'must be in the future');
    expect(problems.check(0, 'count', 'must not be zero')).toBe(false);
    expect(problems.any).toBe(true);
    const error = thrownBy(() => problems.throwIfAny());
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'The input is not valid',
      errors: [
        { path: 'summary', message: 'must not be blank' },
        { path: 'deadlineAt', message: 'must be in the future' },
        { path: 'count', message: 'must not be zero' },
      ],
    });
  });

  it('uses the message given, and a problem added later does not change an error already thrown', () => {
    const problems = new Problems().add('name', 'must not be empty');
    const error = thrownBy(() => problems.throwIfAny('The roster has 1 problem(s)')) as ValidationFailed;
    problems.add('endDate', 'must not be before startDate');
    expect(error.message).toBe('The roster has 1 problem(s)');
    expect(error.errors).toEqual([{ path: 'name', message: 'must not be empty' }]);
    expect(problems.list).toHaveLength(2);
  });
});
