import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ValidationFailed } from '../errors/domain-error';
import { resolverErrorLogPlugin } from './resolver-error-log';
import { text } from '../i18n/text';

class QueryFailedError extends Error {
  constructor(
    message: string,
    readonly query: string,
    readonly parameters: unknown[],
    readonly code = '22021',
  ) {
    super(message);
    this.name = 'QueryFailedError';
  }
}

async function encounter(errors: GraphQLError[]): Promise<jest.SpyInstance> {
  const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const listener = await resolverErrorLogPlugin().requestDidStart!({} as never);
  await listener!.didEncounterErrors!({ errors, operationName: 'Q' } as never);
  return spy;
}

describe('resolver error logging', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs an unexpected resolver error at error level with its path', async () => {
    const spy = await encounter([
      new GraphQLError('boom', { path: ['school', 'name'], originalError: new TypeError('x is undefined') }),
    ]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toMatchObject({
      path: 'school.name',
      operationName: 'Q',
      err: { type: 'TypeError', message: 'x is undefined' },
    });
  });

  it('does not log expected refusals (domain errors, errors with a code)', async () => {
    const spy = await encounter([
      new GraphQLError('refused', { originalError: new ValidationFailed([{ path: 'a', message: text('b', '乙') }]) }),
      new GraphQLError('coded', { originalError: new GraphQLError('inner', { extensions: { code: 'FORBIDDEN' } }) }),
      new GraphQLError('syntax'),
    ]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('never logs the SQL, parameters or quoted values of a database error', async () => {
    const failed = new QueryFailedError(
      'invalid input syntax for type uuid: "张三"',
      "INSERT INTO complaint VALUES ('13800000000')",
      ['张三', '13800000000'],
    );
    const spy = await encounter([new GraphQLError('boom', { path: ['complaint'], originalError: failed })]);
    const logged = JSON.stringify(spy.mock.calls[0]![0]);
    expect(logged).toMatch(/QueryFailedError/);
    expect(logged).toMatch(/22021/);
    expect(logged).not.toMatch(/张三|13800000000|INSERT/);
  });
});
