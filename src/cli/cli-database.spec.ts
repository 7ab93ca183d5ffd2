import { Conflict } from '../platform/errors/domain-error';
import { formatCliError } from './cli-database';
import { text } from '../platform/i18n/text';

describe('formatCliError: a command line names the cause of any thrown value', () => {
  it('never prints "undefined" alone, whatever was thrown', () => {
    for (const value of [
      undefined,
      null,
      '',
      {},
      0,
      new Error(''),
      new AggregateError([]),
      new AggregateError([undefined]),
    ]) {
      const text = formatCliError(value);
      expect(text).not.toBe('undefined');
      expect(text.trim().length).toBeGreaterThan(3);
    }
  });

  it('lists the errors of an AggregateError (pg tries each address) with their codes', () => {
    const refused = (address: string) => Object.assign(new Error(''), { code: 'ECONNREFUSED', address, port: 5432 });
    expect(formatCliError(new AggregateError([refused('127.0.0.1'), refused('::1')]))).toBe(
      'ECONNREFUSED (127.0.0.1:5432); ECONNREFUSED (::1:5432)',
    );
    expect(formatCliError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('words a domain error as its message and code', () => {
    expect(formatCliError(new Conflict('USERNAME_TAKEN', text('The username "x" is taken', '用户名“x”已被占用')))).toBe(
      'the username "x" is taken (USERNAME_TAKEN)',
    );
    expect(formatCliError('plain text')).toBe('plain text');
    expect(formatCliError({ reason: 'odd' })).toBe('failed: {"reason":"odd"}');
  });
});
