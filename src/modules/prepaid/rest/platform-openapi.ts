import { PROBLEM_TYPE } from '../../../platform/http/problem';
import {
  formatBytes,
  idempotencyKeyParameter,
  idempotencyWindow,
  PROBLEM_SCHEMA,
  problemResponse,
  SIGNING_STRING,
  SignedApiLimits,
} from '../../../platform/http/signed-api-openapi';
import { MAX_PLATFORM_BATCH_ITEMS } from './platform-items';

/**
 * OpenAPI 3.1 description of the platform interface (docs/platform-api.md), maintained by hand like the
 * bank one. Served at GET /api/platform/v1/openapi.json; docs/platform-api.openapi.json is a committed copy
 * made with the default configuration by `npm run openapi:print`. Limits come from the configuration.
 */
export type PlatformOpenApiLimits = SignedApiLimits;
export type PlatformOpenApiDocument = ReturnType<typeof platformOpenApi>;

const externalId = (description: string) => ({
  type: 'string',
  pattern: '^[\\x21-\\x7e]{1,100}$',
  description,
});

export function platformOpenApi(limits: PlatformOpenApiLimits) {
  const { ratePerSecond, rateBurst, timestampSkewSeconds, idempotencyTtlHours } = limits.bankApi;
  const ttl = idempotencyWindow(idempotencyTtlHours);
  const auth401 = problemResponse(
    'Authentication failed (a bank key is unknown here); nothing was changed or revealed.',
    ['KEY_UNKNOWN', 'KEY_REVOKED', 'SIGNATURE_INVALID', 'TIMESTAMP_OUT_OF_WINDOW'],
  );
  const rate429 = {
    ...problemResponse(
      `Too many requests for this key (${ratePerSecond} requests/s sustained, bursts of ${rateBurst}).`,
      ['RATE_LIMITED'],
    ),
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  };
  const bad400 = problemResponse(
    `Malformed JSON (including an object that repeats a key), a body over ${formatBytes(limits.http.bodyLimitBytes)}, a batch of 0 or over ${MAX_PLATFORM_BATCH_ITEMS.toLocaleString('en-US')} items, or a missing or bad envelope field; nothing is written.`,
    ['MALFORMED_JSON', 'DUPLICATE_JSON_KEY', 'BODY_TOO_LARGE', 'VALIDATION_FAILED'],
  );
  const idem = {
    '409': problemResponse('A request with this Idempotency-Key is still in flight.', ['IDEMPOTENCY_IN_PROGRESS']),
    '422': problemResponse('The Idempotency-Key was used for another request body.', ['IDEMPOTENCY_KEY_REUSED']),
  };
  const batchResponse = {
    description:
      'Per item, in request order; items are independent and every ACCEPTED item is durable when the response is sent. A replay with the same Idempotency-Key and body returns this response again (header Idempotent-Replayed: true).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResult' } } },
  };
  const postHeaders = [{ $ref: '#/components/parameters/IdempotencyKey' }];
  const batch = (field: string, item: string) => ({
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: [field],
          additionalProperties: false,
          properties: {
            [field]: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_PLATFORM_BATCH_ITEMS,
              items: { $ref: `#/components/schemas/${item}` },
            },
          },
        },
      },
    },
  });
  const responses = { '200': batchResponse, '400': bad400, '401': auth401, ...idem, '429': rate429 };
  const idempotent =
    'Items are idempotent by (platform, externalId): the same externalId with identical content is DUPLICATE (with the id), with different content REJECTED with code CONFLICT. ' +
    'Any other refusal is REJECTED with INVALID (the shape of the item) or the code of the rule that refused it, the same code the county service gives on its own forms; a refused item may be sent again corrected.';

  return {
    openapi: '3.1.0',
    info: {
      title: 'Platform interface for prepaid contracts (全国校外教育培训监管与服务综合平台 预收费合同对接接口)',
      version: '1.0.0',
      description:
        'The national or provincial supervision platform sends the prepaid contracts (预收费合同, model text GF-2021-2604) of institutions that sell through it, ' +
        'the lessons taught (消课记录) and the lessons parents confirmed on the platform (课时确认), so nothing is typed twice. ' +
        `Every request is signed with a platform key, as bank requests are with bank keys (security schemes PlatformKeyId, PlatformTimestamp and PlatformSignature, all three together): ${SIGNING_STRING}; ` +
        `X-Timestamp within ${timestampSkewSeconds} s of the service clock. A bank key is not accepted here and a platform key is not accepted on the bank interface. ` +
        `Every POST carries an Idempotency-Key: the same key id, Idempotency-Key and identical body within ${ttl} returns the first response. ` +
        `Limits: request bodies up to ${formatBytes(limits.http.bodyLimitBytes)}, batches of 1–${MAX_PLATFORM_BATCH_ITEMS} items, ${ratePerSecond} requests/s per key sustained with bursts of ${rateBurst}. ` +
        'Dates are YYYY-MM-DD China Standard Time business dates; money a two-decimal string in yuan (CNY). ' +
        `Errors are application/problem+json (RFC 9457) with a stable code; type is always "${PROBLEM_TYPE}".`,
      license: { name: "Proprietary: for the county's partner platforms", identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/api/platform/v1', description: 'This service (the same host that serves this document)' }],
    security: [{ PlatformKeyId: [], PlatformTimestamp: [], PlatformSignature: [] }],
    tags: [
      { name: 'contracts', description: 'Prepaid contracts (预收费合同)' },
      { name: 'lessons', description: 'Lessons taught (消课) and their confirmation by parents (课时确认)' },
    ],
    paths: {
      '/contracts': {
        post: {
          operationId: 'postContracts',
          tags: ['contracts'],
          summary: 'Register prepaid contracts (合同备案)',
          description:
            'Each contract is checked by the rules the county applies to contracts registered on its own forms: the per-charge caps (months, lesson hours, amount; top-ups included), ' +
            'a subject course the institution may not sell, payment by a loan, an institution not operating, an account not in use. ' +
            'An ACCEPTED contract carries its id and its contractCode: print the code on the contract — it is what the parent uses to look the contract up, and it is shown only in this answer. ' +
            idempotent,
          parameters: postHeaders,
          requestBody: batch('contracts', 'Contract'),
          responses,
        },
      },
      '/lesson-records': {
        post: {
          operationId: 'postLessonRecords',
          tags: ['lessons'],
          summary: 'Lessons taught against contracts the platform sent (消课记录)',
          description:
            'Never beyond the lessons bought, never in the future, never outside the course term and the training-time rules; the contract must be ACTIVE. ' +
            'A record the parent does not answer is confirmed automatically after the county number of working days. ' +
            idempotent,
          parameters: postHeaders,
          requestBody: batch('lessonRecords', 'LessonRecord'),
          responses,
        },
      },
      '/lesson-confirmations': {
        post: {
          operationId: 'postLessonConfirmations',
          tags: ['lessons'],
          summary: 'Lessons the parent confirmed on the platform (课时确认)',
          description:
            'A lesson record the platform sent, confirmed by the parent on the platform. Only a PENDING record can be confirmed (PREPAID_LESSON_NOT_PENDING otherwise). ' +
            idempotent,
          parameters: postHeaders,
          requestBody: batch('lessonConfirmations', 'LessonConfirmation'),
          responses,
        },
      },
    },
    components: {
      securitySchemes: {
        PlatformKeyId: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Platform-Key-Id',
          description: 'The platform API key id (issuePlatformApiKey, pk_…); its secret never travels.',
        },
        PlatformTimestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Timestamp',
          description: `Unix time in seconds when the request was signed; refused (TIMESTAMP_OUT_OF_WINDOW) when more than ${timestampSkewSeconds} s from the service clock.`,
        },
        PlatformSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: `${SIGNING_STRING}. Pattern ^v1=[0-9a-f]{64}$; a wrong signature is SIGNATURE_INVALID.`,
        },
      },
      parameters: {
        IdempotencyKey: idempotencyKeyParameter(ttl),
      },
      schemas: {
        Problem: PROBLEM_SCHEMA,
        Contract: {
          type: 'object',
          additionalProperties: false,
          required: [
            'externalId',
            'institutionCreditCode',
            'courseId',
            'studentName',
            'payerName',
            'payerPhone',
            'lessonsBought',
            'pricePerLesson',
            'periodStart',
            'periodEnd',
            'paymentRoute',
            'paymentMethod',
            'refundTerms',
          ],
          properties: {
            externalId: externalId("The platform's own contract id; unique per platform"),
            institutionCreditCode: {
              type: 'string',
              pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
              description: 'The institution (乙方) by its unified social credit code (统一社会信用代码)',
            },
            courseId: {
              type: 'string',
              format: 'uuid',
              description: "The course's id in the county registry (on the institution's public profile)",
            },
            studentName: {
              type: 'string',
              minLength: 1,
              maxLength: 50,
              description: 'Student (学员) name; stored encrypted',
            },
            payerName: {
              type: 'string',
              minLength: 1,
              maxLength: 50,
              description: 'Payer (甲方) name; stored encrypted',
            },
            payerPhone: {
              type: 'string',
              maxLength: 20,
              description:
                "Payer's phone; stored encrypted. Its last 4 digits are the parent's second factor with the contract code",
            },
            lessonsBought: { type: 'integer', minimum: 1, maximum: 10000 },
            lessonMinutes: {
              type: ['integer', 'null'],
              minimum: 1,
              maximum: 600,
              description: "Minutes per lesson; the course's lesson length when left out",
            },
            pricePerLesson: {
              type: 'string',
              pattern: '^\\d{1,11}\\.\\d{2}$',
              description: 'Yuan per lesson, two decimals; the total is lessonsBought × pricePerLesson',
              examples: ['80.00'],
            },
            periodStart: { type: 'string', format: 'date' },
            periodEnd: { type: 'string', format: 'date' },
            paymentRoute: {
              type: 'string',
              enum: ['ESCROW_ACCOUNT', 'RISK_RESERVE'],
              description:
                "Paid into the institution's escrow account (资金监管账户) or under its risk reserve (风险保证金)",
            },
            paymentMethod: {
              type: 'string',
              enum: ['BANK_TRANSFER', 'CARD', 'MOBILE_PAYMENT', 'CASH', 'LOAN'],
              description: 'How the family pays; LOAN (培训贷) is refused with PREPAID_LOAN_REFUSED',
            },
            refundTerms: { type: 'string', minLength: 1, maxLength: 4000, description: 'Refund terms (退费条款)' },
          },
        },
        LessonRecord: {
          type: 'object',
          additionalProperties: false,
          required: ['externalId', 'contractExternalId', 'taughtOn', 'lessons'],
          properties: {
            externalId: externalId("The platform's own id of this lesson record; unique per platform"),
            contractExternalId: externalId('The externalId of a contract this platform sent'),
            taughtOn: { type: 'string', format: 'date', description: 'The day taught; not in the future' },
            lessons: { type: 'integer', minimum: 1, maximum: 100, description: 'Lessons taught that day' },
          },
        },
        LessonConfirmation: {
          type: 'object',
          additionalProperties: false,
          required: ['externalId', 'lessonExternalId'],
          properties: {
            externalId: externalId("The platform's own id of this confirmation; unique per platform"),
            lessonExternalId: externalId('The externalId of a lesson record this platform sent'),
          },
        },
        BatchResult: {
          type: 'object',
          required: ['accepted', 'duplicates', 'rejected', 'results'],
          properties: {
            accepted: { type: 'integer' },
            duplicates: { type: 'integer' },
            rejected: { type: 'integer' },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['index', 'status'],
                properties: {
                  index: { type: 'integer', description: 'Position of the item in the request' },
                  status: { type: 'string', enum: ['ACCEPTED', 'DUPLICATE', 'REJECTED'] },
                  code: {
                    type: 'string',
                    description:
                      'On REJECTED: CONFLICT (same externalId, different content), INVALID (the shape of the item; see message), CONTRACT_NOT_SENT / LESSON_RECORD_NOT_SENT (an externalId this platform never sent), INSTITUTION_NOT_FOUND, or the code of the rule that refused it (e.g. PREPAID_CHARGE_OVER_CAP, PREPAID_LOAN_REFUSED, PREPAID_COURSE_NOT_ALLOWED, PREPAID_INSTITUTION_NOT_OPERATING, PREPAID_PAYMENT_ROUTE_UNAVAILABLE, PREPAID_LESSONS_EXCEED_BOUGHT, PREPAID_LESSON_DATE_REFUSED, PREPAID_CONTRACT_NOT_ACTIVE, PREPAID_LESSON_NOT_PENDING, VALIDATION_FAILED)',
                  },
                  message: { type: 'string' },
                  id: {
                    type: 'string',
                    format: 'uuid',
                    description: "On ACCEPTED and DUPLICATE: the service's id of the contract or lesson record",
                  },
                  contractCode: {
                    type: 'string',
                    pattern: '^[3469ACDEFGHJKMNPQRTUVWXY]{4}(-[3469ACDEFGHJKMNPQRTUVWXY]{4}){3}$',
                    description:
                      'On an ACCEPTED contract only: the contract code (合同码) to print on the contract; never shown again',
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
