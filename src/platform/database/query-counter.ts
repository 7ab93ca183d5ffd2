import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { requestContext } from '../logging/request-context';

let queries = 0;

/** SQL statements this process has sent through TypeORM since it started (`db_queries_total` in /metrics). */
export function queryCount(): number {
  return queries;
}

/**
 * TypeORM's logger hook, used only to count statements, per process and per HTTP request (the
 * request's async context): TypeORM calls `logQuery` for every query it runs (entity manager, query
 * builder and raw `query` alike). Nothing is written: errors reach the callers as exceptions and are
 * logged there.
 */
export class QueryCountingLogger extends AbstractLogger {
  override logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    queries++;
    const request = requestContext.getStore();
    if (request) request.queries = (request.queries ?? 0) + 1;
  }

  protected writeLog(
    _level: LogLevel,
    _message: LogMessage | string | number | (LogMessage | string | number)[],
    _queryRunner?: QueryRunner,
  ): void {
    // Intentionally silent (see above).
  }
}
