import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { setContentLanguage } from '../i18n/locale';
import { toProblem } from './problem';

/**
 * One mapping of errors for both transports: problem+json for HTTP routes, a GraphQL error with the same
 * stable `extensions.code` for GraphQL. Unexpected errors are logged with their stack and answered
 * generically. Messages are in the request's language (ADR 0021), answered with Content-Language.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (host.getType<string>() === 'graphql') {
      return new GraphQLError(problem.detail, {
        extensions: {
          code: problem.code,
          status: problem.status,
          ...(problem.errors ? { errors: problem.errors } : {}),
        },
      });
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return undefined;
    setContentLanguage(res);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
    return undefined;
  }
}
