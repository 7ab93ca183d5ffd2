import type { ApiResponseOptions } from '@nestjs/swagger';
import { PROBLEM_TYPE } from './problem';

/** The RFC 9457 problem body of every REST error, for the generated (staff) OpenAPI document. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: {
      type: 'string',
      enum: [PROBLEM_TYPE],
      description: 'Always about:blank (RFC 9457 §4.2.1): the code member says what went wrong',
    },
    title: { type: 'string', description: 'The HTTP status phrase' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable code' },
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

export function problemResponse(description: string, codes: string[]): ApiResponseOptions {
  return {
    description: `${description}. Codes: ${codes.join(', ')}.`,
    content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
  };
}
