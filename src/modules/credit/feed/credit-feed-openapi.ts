import { PROBLEM_TYPE } from '../../../platform/http/problem';
import {
  PROBLEM_SCHEMA,
  problemResponse,
  SIGNING_STRING,
  SignedApiLimits,
} from '../../../platform/http/signed-api-openapi';
import { CREDIT_FEED_KINDS } from './credit-feed-records';
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT } from './credit-feed-page';

/**
 * OpenAPI 3.1 description of the credit-sharing platform interface (docs/credit-platform-api.md),
 * maintained by hand like the bank and platform ones. Served at GET /api/credit-platform/v1/openapi.json;
 * docs/credit-platform-api.openapi.json is a committed copy made with the default configuration by
 * `npm run openapi:print`. Limits come from the configuration.
 */
export type CreditPlatformOpenApiDocument = ReturnType<typeof creditPlatformOpenApi>;

const date = (description: string) => ({ type: 'string', format: 'date', description });
const nullableDate = (description: string) => ({ type: ['string', 'null'], format: 'date', description });
const money = (description: string) => ({ type: ['string', 'null'], pattern: '^\\d{1,18}$', description });

export function creditPlatformOpenApi(limits: SignedApiLimits) {
  const { ratePerSecond, rateBurst, timestampSkewSeconds } = limits.bankApi;
  const auth401 = problemResponse(
    'Authentication failed (a bank or prepaid-platform key is unknown here); nothing was revealed.',
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
    `A cursor this feed did not issue (tampered, made by hand, from another list), a limit outside 1–${MAX_FEED_LIMIT}, a parameter given twice or an unknown parameter; errors[] names each.`,
    ['VALIDATION_FAILED'],
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'Credit-sharing platform interface (信用信息共享平台 信用信息推送接口)',
      version: '1.0.0',
      description:
        "The county's credit-sharing platform (信用信息共享平台) pulls what the county publishes about training institutions: black and white list entries (黑白名单) and administrative penalty decisions (行政处罚决定), " +
        'and their removal, expiry or withdrawal, as a feed of items in a fixed order. ' +
        `Every request is signed with a credit-platform key, as bank requests are with bank keys (security schemes CreditPlatformKeyId, CreditPlatformTimestamp and CreditPlatformSignature, all three together): ${SIGNING_STRING}; ` +
        `X-Timestamp within ${timestampSkewSeconds} s of the service clock. A bank or prepaid-platform key is not accepted here and a credit-platform key is accepted nowhere else. ` +
        'Paging: keep the nextCursor of each page once its items are applied and send it as after; a cursor always names the same position, so the same cursor gives the same items (the last page grows as items are appended). ' +
        'Items are applied idempotently by id: an item already applied is skipped. ' +
        `Limits: pages of 1–${MAX_FEED_LIMIT} items (default ${DEFAULT_FEED_LIMIT}), ${ratePerSecond} requests/s per key sustained with bursts of ${rateBurst}. ` +
        'Dates are YYYY-MM-DD China Standard Time business dates; money in fen (分) as a decimal string. ' +
        `Errors are application/problem+json (RFC 9457) with a stable code; type is always "${PROBLEM_TYPE}".`,
      license: {
        name: "Proprietary: for the county's credit-sharing platform",
        identifier: 'LicenseRef-Proprietary',
      },
    },
    servers: [
      { url: '/api/credit-platform/v1', description: 'This service (the same host that serves this document)' },
    ],
    security: [{ CreditPlatformKeyId: [], CreditPlatformTimestamp: [], CreditPlatformSignature: [] }],
    tags: [{ name: 'feed', description: 'The credit feed (信用信息推送)' }],
    paths: {
      '/feed': {
        get: {
          operationId: 'getFeed',
          tags: ['feed'],
          summary: 'Pull the next items of the credit feed (拉取信用信息)',
          description:
            'Items after the cursor, oldest first. Apply each item by its id (skip an id already applied), then keep nextCursor; ' +
            'when hasMore is true pull again at once, otherwise poll at leisure (new items are rare: a few a day).',
          parameters: [
            {
              name: 'after',
              in: 'query',
              required: false,
              schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' },
              description: 'The nextCursor of the previous page; left out, the feed starts at its first item',
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_FEED_LIMIT, default: DEFAULT_FEED_LIMIT },
              description: 'At most this many items',
            },
          ],
          responses: {
            '200': {
              description: 'One page of the feed',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/FeedPage' } } },
            },
            '400': bad400,
            '401': auth401,
            '429': rate429,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        CreditPlatformKeyId: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Credit-Platform-Key-Id',
          description: 'The credit-platform API key id (issueCreditPlatformApiKey, ck_…); its secret never travels.',
        },
        CreditPlatformTimestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Timestamp',
          description: `Unix time in seconds when the request was signed; refused (TIMESTAMP_OUT_OF_WINDOW) when more than ${timestampSkewSeconds} s from the service clock.`,
        },
        CreditPlatformSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: `${SIGNING_STRING}. Pattern ^v1=[0-9a-f]{64}$; a wrong signature is SIGNATURE_INVALID.`,
        },
      },
      schemas: {
        Problem: PROBLEM_SCHEMA,
        FeedPage: {
          type: 'object',
          required: ['items', 'nextCursor', 'hasMore'],
          properties: {
            items: { type: 'array', maxItems: MAX_FEED_LIMIT, items: { $ref: '#/components/schemas/FeedItem' } },
            nextCursor: {
              type: 'string',
              description: 'The position after these items: send it as after next time (also when items is empty)',
            },
            hasMore: { type: 'boolean', description: 'More items follow at once' },
          },
        },
        FeedItem: {
          type: 'object',
          required: ['id', 'sequence', 'kind', 'subjectId', 'occurredAt', 'record'],
          properties: {
            id: { type: 'string', format: 'uuid', description: 'Stable id of the item: apply each id once' },
            sequence: {
              type: 'string',
              pattern: '^[1-9]\\d{0,18}$',
              description: 'Position in the feed, increasing (gaps possible); a decimal string',
            },
            kind: {
              type: 'string',
              enum: CREDIT_FEED_KINDS,
              description:
                'LIST_ENTRY_PUBLISHED and PENALTY_PUBLISHED: store the record (replacing one with the same subjectId); LIST_ENTRY_REMOVED, LIST_ENTRY_EXPIRED and PENALTY_WITHDRAWN: take the subject down (the record says why and when)',
            },
            subjectId: {
              type: 'string',
              format: 'uuid',
              description: 'The list entry (record.entryId) or penalty decision (record.penaltyId) the item is about',
            },
            occurredAt: { type: 'string', format: 'date-time', description: 'When the change happened' },
            record: {
              oneOf: [{ $ref: '#/components/schemas/ListEntryRecord' }, { $ref: '#/components/schemas/PenaltyRecord' }],
              description: 'ListEntryRecord for LIST_ENTRY_* kinds, PenaltyRecord for PENALTY_* kinds',
            },
          },
        },
        ListEntryRecord: {
          type: 'object',
          required: [
            'entryId',
            'institutionId',
            'name',
            'creditCode',
            'listKind',
            'reasonCode',
            'reason',
            'effectiveOn',
            'expiresOn',
            'status',
            'endedOn',
            'removalGrounds',
          ],
          properties: {
            entryId: { type: 'string', format: 'uuid', description: 'The list entry (名单条目)' },
            institutionId: {
              type: 'string',
              format: 'uuid',
              description: "The institution's id in the county registry",
            },
            name: { type: 'string', description: 'Institution name (机构名称)' },
            creditCode: { type: 'string', description: 'Unified social credit code (统一社会信用代码)' },
            listKind: {
              type: 'string',
              enum: ['BLACK', 'WHITE'],
              description: 'Black list (黑名单) or white list (白名单)',
            },
            reasonCode: { type: 'string', description: "The county's reason code (列入事由代码)" },
            reason: { type: 'string', description: 'The reason, in words (列入事由)' },
            effectiveOn: nullableDate('First day on the list'),
            expiresOn: nullableDate('Last day on the list; null until removed'),
            status: { type: 'string', enum: ['PUBLISHED', 'REMOVED', 'EXPIRED'] },
            endedOn: nullableDate('The day it left the list; null while PUBLISHED'),
            removalGrounds: {
              type: ['string', 'null'],
              enum: ['APPEAL', 'CREDIT_REPAIR', 'SUPERSEDED_BY_BLACKLIST', null],
              description: 'On REMOVED: appeal (申诉), credit repair (信用修复) or superseded by a black-list entry',
            },
          },
        },
        PenaltyRecord: {
          type: 'object',
          required: [
            'penaltyId',
            'decisionNumber',
            'institutionId',
            'leadId',
            'subjectName',
            'creditCode',
            'kinds',
            'fineFen',
            'confiscatedFen',
            'legalBasis',
            'facts',
            'decidingDepartmentCode',
            'decidedOn',
            'publishedUntil',
            'status',
            'withdrawalReason',
          ],
          properties: {
            penaltyId: { type: 'string', format: 'uuid', description: 'The penalty decision' },
            decisionNumber: { type: 'string', description: 'Document number of the decision (行政处罚决定书文号)' },
            institutionId: {
              type: ['string', 'null'],
              format: 'uuid',
              description: 'The institution punished; null for an unlicensed operator',
            },
            leadId: {
              type: ['string', 'null'],
              format: 'uuid',
              description: 'The unlicensed-operator lead, when the party is not a registered institution',
            },
            subjectName: { type: 'string', description: "The party's name as the decision states it (当事人)" },
            creditCode: {
              type: ['string', 'null'],
              description: 'Unified social credit code (统一社会信用代码), when the party has one',
            },
            kinds: {
              type: 'array',
              items: {
                type: 'string',
                enum: [
                  'WARNING',
                  'PUBLIC_CRITICISM',
                  'FINE',
                  'CONFISCATION',
                  'ENROLMENT_SUSPENDED',
                  'STOP_OPERATING',
                  'LICENCE_REVOKED',
                  'PRACTICE_RESTRICTED',
                ],
              },
              description: 'The penalties imposed (处罚种类)',
            },
            fineFen: money('Fine (罚款) in fen; null when none'),
            confiscatedFen: money('Unlawful income confiscated (没收违法所得) in fen; null when none'),
            legalBasis: { type: 'string', description: 'Legal basis as cited (处罚依据)' },
            facts: { type: 'string', description: 'The facts, as published (违法事实)' },
            decidingDepartmentCode: {
              type: 'string',
              description: 'The deciding department (作出决定的部门), e.g. EDU',
            },
            decidedOn: date('Day of the decision (处罚决定日期)'),
            publishedUntil: nullableDate('Last day the decision stays published (公示截止日期)'),
            status: { type: 'string', enum: ['PUBLISHED', 'WITHDRAWN'] },
            withdrawalReason: { type: ['string', 'null'], description: 'On WITHDRAWN: why (撤回原因)' },
          },
        },
      },
    },
  };
}
