/**
 * What a logged error may carry. A database error keeps its SQLSTATE code, constraint, table, column
 * and routine, never the SQL parameters (`parameters`), the statement (`query`, where literals can hide)
 * or the values PostgreSQL quotes in `detail`/`where`/its message: complaint text, payer references and
 * ID numbers would otherwise reach the logs in clear. Other errors keep their message, stack and code.
 */
const DB_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'severity'] as const;
/** Properties never copied from any error, database or not. */
const NEVER = new Set([
  'parameters',
  'query',
  'detail',
  'where',
  'hint',
  'internalQuery',
  'driverError',
  'params',
  'sql',
]);
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

function isDatabaseError(err: Error): boolean {
  const e = err as Error & { driverError?: unknown; severity?: unknown; code?: unknown };
  return (
    err.name === 'QueryFailedError' ||
    e.driverError !== undefined ||
    (typeof e.severity === 'string' && typeof e.code === 'string')
  );
}

/** Quoted values in a database message (`invalid input syntax for type uuid: "…"`) become `"…"`. */
export function redactQuoted(text: string): string {
  return text.replace(QUOTED, '"…"');
}

function frames(stack: string | undefined): string {
  return (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/** What safeError produced already: passed through unchanged when it is logged (and serialised) again. */
const SAFE = new WeakSet<object>();

export function safeError(value: unknown, depth = 0): SafeError {
  if (typeof value === 'object' && value !== null && SAFE.has(value)) return value as SafeError;
  const safe = toSafeError(value, depth);
  SAFE.add(safe);
  return safe;
}

function toSafeError(value: unknown, depth: number): SafeError {
  if (!(value instanceof Error))
    return { type: typeof value, message: typeof value === 'string' ? value : '[non-error value]' };
  const type = value.constructor?.name || value.name || 'Error';
  if (isDatabaseError(value)) {
    const driver = ((value as { driverError?: unknown }).driverError ?? value) as Record<string, unknown>;
    const message = redactQuoted(value.message);
    const out: SafeError = { type, message, stack: `${value.name}: ${message}\n${frames(value.stack)}` };
    for (const field of DB_FIELDS) {
      const v = driver[field] ?? (value as unknown as Record<string, unknown>)[field];
      if (typeof v === 'string' || typeof v === 'number') out[field] = v;
    }
    return out;
  }
  const out: SafeError = { type, message: value.message, stack: value.stack };
  for (const [key, v] of Object.entries(value)) {
    if (NEVER.has(key) || key === 'message' || key === 'stack') continue;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[key] = v;
  }
  const cause = (value as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 3) out.cause = safeError(cause, depth + 1);
  return out;
}
