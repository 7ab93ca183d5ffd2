import type { AppConfig } from '../../config/app-config';
import { PROBLEM_TYPE } from './problem';

/**
 * What the OpenAPI documents of the two signed partner interfaces (banks: escrow's bank-openapi.ts;
 * platforms: prepaid's platform-openapi.ts) share: they run the same request pipeline (ADR 0005), so they
 * describe its signing, idempotency, limits and problem answers in the same words.
 */
export type SignedApiLimits = Pick<AppConfig, 'bankApi'> & { http: Pick<AppConfig['http'], 'bodyLimitBytes'> };

/** An error answer: application/problem+json with the codes it may carry. */
export const problemResponse = (description: string, codes: string[]) => ({
  description: `${description} Codes: ${codes.join(', ')}.`,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** 2097152 → "2 MiB", 1536 → "1.5 KiB", 1000 → "1000 bytes". */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['MiB', 1024 * 1024],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size) return `${Math.round((bytes / size) * 100) / 100} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The idempotency window in words: 168 → "7 days", 36 → "36 hours". */
export const idempotencyWindow = (hours: number): string =>
  hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;

export const SIGNING_STRING =
  'X-Signature = "v1=" + lowercase hex HMAC-SHA256(secret, `${X-Timestamp}\\n${METHOD}\\n${path with query string}\\n${raw body}`), an empty body being the empty string';

/** components.parameters.IdempotencyKey */
export const idempotencyKeyParameter = (window: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
  description: `The client's key for this request: the same key and body within ${window} returns the first response again`,
});

/** components.schemas.Problem (RFC 9457 with the service's code and field errors). */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { const: PROBLEM_TYPE, description: 'Always about:blank: the code member says what went wrong' },
    title: { type: 'string', description: 'The HTTP status phrase' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. SIGNATURE_INVALID' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
