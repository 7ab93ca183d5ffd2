import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentRequestId } from './request-context';
import { safeError } from './safe-error';

/**
 * Structured JSON logs (pino) carrying the request id of the request being served, or of the request
 * whose change caused the event a subscriber is handling. Written to stdout unless a destination is given.
 */
export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'shuangjian' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    // Errors are logged through safeError: a database error's SQL parameters and values never reach a line.
    serializers: { err: safeError, error: safeError },
    redact: {
      paths: [
        'password',
        '*.password',
        'secret',
        '*.secret',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's start-up chatter (a line per module, controller and route): debug, not info, so the service's
 * own first lines (database, queue backend, first administrator) are the ones an operator sees.
 */
const FRAMEWORK_CHATTER = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'GraphQLModule',
]);

/** Adapts pino to Nest's LoggerService so framework logs come out as the same JSON lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, safeError(message).message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    this.write(typeof context === 'string' && FRAMEWORK_CHATTER.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (stack && !(message instanceof Error)) this.logger.error({ context: rest.at(-1), stack }, String(message));
    else this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
}
