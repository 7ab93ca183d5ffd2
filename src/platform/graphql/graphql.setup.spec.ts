import { GraphQLError } from 'graphql';
import { ValidationFailed } from '../errors/domain-error';
import { text } from '../i18n/text';
import { formatGraphqlError, serverMessageZh, withoutSuggestion } from './graphql.setup';
import { refuse } from './query-limits';

describe('withoutSuggestion', () => {
  it('drops the trailing "Did you mean …?" that names schema fields', () => {
    expect(withoutSuggestion('Cannot query field "townshipz" on type "Query". Did you mean "townships"?')).toBe(
      'Cannot query field "townshipz" on type "Query".',
    );
    expect(withoutSuggestion('Unknown argument "x".')).toBe('Unknown argument "x".');
  });

  it('reads a message that repeats the phrase in client text in one pass, keeping what precedes the last one', () => {
    // A client string echoed in the message (e.g. a non-integer value) may repeat the phrase many times:
    // a backtracking pattern took seconds on this; the answer must still be the text before the last one.
    const echoed = 'Did you mean '.repeat(50_000);
    const message = `Int cannot represent non-integer value: "${echoed}"`;
    expect(withoutSuggestion(message)).toBe(message);
    expect(withoutSuggestion(`${message} Did you mean "first"?`)).toBe(message);
  });
});

describe('formatGraphqlError in the request language', () => {
  const refusal = refuse(
    'QUERY_TOO_DEEP',
    text('Query depth 30 exceeds the limit of 12', '查询嵌套深度 30 超过上限 12'),
  );

  it("answers the edge's own refusals in the language asked for, code unchanged", () => {
    const formatted = { message: refusal.message, extensions: { code: 'QUERY_TOO_DEEP' } };
    expect(formatGraphqlError(formatted, refusal, true, true, 'zh')).toEqual({
      message: '查询嵌套深度 30 超过上限 12',
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
    expect(formatGraphqlError(formatted, refusal, true, true, 'en').message).toBe(
      'Query depth 30 exceeds the limit of 12',
    );
  });

  it('maps a resolver’s DomainError with its field problems in the language asked for', () => {
    const error = new GraphQLError('x', {
      originalError: new ValidationFailed([{ path: 'name', message: text('must not be blank', '不能为空白') }]),
    });
    const formatted = { message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(formatGraphqlError(formatted, error, true, true, 'zh')).toMatchObject({
      message: '输入的内容不符合要求',
      extensions: { code: 'VALIDATION_FAILED', errors: [{ path: 'name', message: '不能为空白' }] },
    });
  });

  it("leads graphql-js's English messages with a Chinese sentence per code, and leaves English alone", () => {
    const formatted = {
      message: 'Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    expect(formatGraphqlError(formatted, new GraphQLError('x'), true, true, 'zh').message).toBe(
      '请求格式错误（GraphQL 语法）：Syntax Error: Expected Name, found <EOF>.',
    );
    expect(formatGraphqlError(formatted, new GraphQLError('x'), true, true, 'en').message).toBe(formatted.message);
    expect(serverMessageZh('BAD_REQUEST', 'Operation batching disabled.')).toBe(
      '不支持批量请求：每个请求只能包含一个操作',
    );
  });

  it('answers an unexpected error generically in either language', () => {
    const error = new GraphQLError('boom', { originalError: new Error('boom') });
    const formatted = { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(formatGraphqlError(formatted, error, true, true, 'zh')).toMatchObject({
      message: '发生了意外错误，请稍后重试或联系管理员',
      extensions: { code: 'INTERNAL' },
    });
  });
});
