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
import { MAX_BATCH_ITEMS } from './bank.dto';

/**
 * OpenAPI 3.1 description of the bank custody interface (docs/bank-api.md), maintained by hand so it says
 * exactly what the contract says, plus the choices the contract leaves to the service. Served at
 * GET /api/bank/v1/openapi.json; docs/bank-api.openapi.json is a committed copy made with the default
 * configuration (a test fails on drift). The limits in its text (body size, batch size, rate, clock skew,
 * idempotency window) come from the configuration that enforces them, never typed twice.
 */
export type BankOpenApiLimits = SignedApiLimits;

export function bankOpenApi(limits: BankOpenApiLimits) {
  const { ratePerSecond, rateBurst, timestampSkewSeconds, idempotencyTtlHours } = limits.bankApi;
  const ttl = idempotencyWindow(idempotencyTtlHours);
  const auth401 = problemResponse('Authentication failed; nothing was changed or revealed.', [
    'KEY_UNKNOWN',
    'KEY_REVOKED',
    'SIGNATURE_INVALID',
    'TIMESTAMP_OUT_OF_WINDOW',
  ]);
  const rate429 = {
    ...problemResponse(
      `Too many requests for this key (${ratePerSecond} requests/s sustained, bursts of ${rateBurst}).`,
      ['RATE_LIMITED'],
    ),
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  };
  const bad400 = problemResponse(
    `Malformed JSON (including an object that repeats a key, which JSON parsers read differently), a body over ${formatBytes(limits.http.bodyLimitBytes)}, a batch of 0 or over ${MAX_BATCH_ITEMS.toLocaleString('en-US')} items, or a missing or bad envelope field; nothing is written.`,
    ['MALFORMED_JSON', 'DUPLICATE_JSON_KEY', 'BODY_TOO_LARGE', 'VALIDATION_FAILED'],
  );
  const idem = {
    '409': problemResponse('A request with this Idempotency-Key is still in flight.', ['IDEMPOTENCY_IN_PROGRESS']),
    '422': problemResponse('The Idempotency-Key was used for another request body.', ['IDEMPOTENCY_KEY_REUSED']),
  };
  const batchResponse = {
    description:
      'Per item, in request order. Items are independent; every ACCEPTED item is durable when the response is sent. A replay with the same Idempotency-Key and body returns this response again (header Idempotent-Replayed: true).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResult' } } },
  };
  const postHeaders = [{ $ref: '#/components/parameters/IdempotencyKey' }];
  const money = {
    type: 'string',
    pattern: '^\\d{1,15}\\.\\d{2}$',
    description: 'Non-negative decimal string with exactly two decimals; never a JSON number',
    examples: ['1234.50'],
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Bank custody interface (合作银行资金监管接口)',
      version: '1.0.0',
      description:
        "Partner banks (合作银行) report balances and movements of institutions' escrow accounts (监管账户) and pick up freeze instructions. " +
        `Every request is signed (the security schemes BankKeyId, BankTimestamp and BankSignature, all three together): ${SIGNING_STRING}; ` +
        `X-Timestamp within ${timestampSkewSeconds} s of the service clock. Every POST carries an Idempotency-Key: the same key id, ` +
        `Idempotency-Key and identical body within ${ttl} returns the first response (same status and body) without doing the work twice. ` +
        `Limits: request bodies up to ${formatBytes(limits.http.bodyLimitBytes)}, batches of 1–${MAX_BATCH_ITEMS} items, ${ratePerSecond} requests/s per key sustained with bursts of ${rateBurst}. ` +
        'Only successful (2xx) responses are kept: after an error the same Idempotency-Key may be sent again with a corrected body. ' +
        'Dates are YYYY-MM-DD China Standard Time business dates; times ISO 8601 with an offset; money a two-decimal string, currency CNY only, stored as integer fen. ' +
        `Errors are application/problem+json (RFC 9457) with a stable code (listed per response below); type is always "${PROBLEM_TYPE}" (RFC 9457 §4.2.1): title is the HTTP status phrase and code carries the meaning.`,
      license: { name: "Proprietary: for the county's partner banks", identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/api/bank/v1', description: 'This service (the same host that serves this document)' }],
    security: [{ BankKeyId: [], BankTimestamp: [], BankSignature: [] }],
    tags: [
      { name: 'accounts', description: 'Escrow accounts (监管账户) this bank holds' },
      { name: 'statements', description: 'End-of-day balances (日终余额)' },
      { name: 'transactions', description: 'Account movements (资金流水)' },
      {
        name: 'instructions',
        description:
          'Instructions from the regulator (监管指令) and their acknowledgements: freeze and unfreeze; on request (?actions=…) the prepaid payment instructions RELEASE (一课一消划转) and REFUND (退费)',
      },
    ],
    paths: {
      '/accounts': {
        get: {
          operationId: 'listAccounts',
          tags: ['accounts'],
          summary: 'The escrow accounts this bank holds (本行监管账户)',
          parameters: [
            {
              name: 'status',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['ACTIVE', 'FROZEN', 'CLOSED'] },
              description: 'Only accounts in this status (default: all)',
            },
            {
              name: 'cursor',
              in: 'query',
              required: false,
              schema: { type: 'string', maxLength: 500 },
              description: 'nextCursor of the previous page',
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            },
          ],
          responses: {
            '200': {
              description: 'A page of accounts, ordered by account number',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['accounts', 'nextCursor'],
                    properties: {
                      accounts: { type: 'array', items: { $ref: '#/components/schemas/Account' } },
                      nextCursor: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            '400': problemResponse('A bad query parameter.', ['VALIDATION_FAILED']),
            '401': auth401,
            '429': rate429,
          },
        },
      },
      '/statements': {
        post: {
          operationId: 'postStatements',
          tags: ['statements'],
          summary: 'End-of-day balances (日终余额, like camt.053 OPBD/CLBD)',
          description:
            'Per statement: ACCEPTED (stored; monitoring has run on it), DUPLICATE (same account, date and revision with identical values already stored), or REJECTED with ' +
            'ACCOUNT_NOT_FOUND (also for an account another bank holds), ACCOUNT_CLOSED, CONFLICT (same account, date and revision, different values) or INVALID (with message). ' +
            'A higher revision for the same account and date supersedes the earlier one; both are kept. A statementDate after today (CST) is INVALID.',
          parameters: postHeaders,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['statements'],
                  additionalProperties: false,
                  properties: {
                    statements: {
                      type: 'array',
                      minItems: 1,
                      maxItems: MAX_BATCH_ITEMS,
                      items: { $ref: '#/components/schemas/Statement' },
                    },
                  },
                },
              },
            },
          },
          responses: { '200': batchResponse, '400': bad400, '401': auth401, ...idem, '429': rate429 },
        },
      },
      '/transactions': {
        post: {
          operationId: 'postTransactions',
          tags: ['transactions'],
          summary: 'Account movements (资金流水, like camt.054)',
          description:
            "txnId is the bank's own unique reference: the same bank and txnId with identical content is DUPLICATE, with different content CONFLICT. " +
            'A REVERSAL undoes reversalOf, a txnId of the same account stored earlier (or earlier in the same batch), for the same amount, at most once; REVERSALs are not reversed. ' +
            'Otherwise the item is INVALID with a message. bookedAt more than 5 minutes in the future is INVALID.',
          parameters: postHeaders,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['transactions'],
                  additionalProperties: false,
                  properties: {
                    transactions: {
                      type: 'array',
                      minItems: 1,
                      maxItems: MAX_BATCH_ITEMS,
                      items: { $ref: '#/components/schemas/Transaction' },
                    },
                  },
                },
              },
            },
          },
          responses: { '200': batchResponse, '400': bad400, '401': auth401, ...idem, '429': rate429 },
        },
      },
      '/instructions': {
        get: {
          operationId: 'listInstructions',
          tags: ['instructions'],
          summary: 'Instructions from the regulator to this bank (监管指令), oldest first, at most 500',
          description:
            'Without actions, only FREEZE and UNFREEZE instructions are listed (what every v1 client handles). A bank that executes ' +
            'prepaid payments asks for them with actions=FREEZE,UNFREEZE,RELEASE,REFUND; RELEASE and REFUND items carry amount and contractIds, a REFUND also payeeRef.',
          parameters: [
            {
              name: 'status',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['PENDING', 'EXECUTED', 'REFUSED'], default: 'PENDING' },
            },
            {
              name: 'actions',
              in: 'query',
              required: false,
              description:
                'Comma-separated actions to list (FREEZE, UNFREEZE, RELEASE, REFUND); default FREEZE,UNFREEZE. Ask for RELEASE and REFUND once your client handles them.',
              schema: {
                type: 'string',
                pattern: '^(FREEZE|UNFREEZE|RELEASE|REFUND)(,(FREEZE|UNFREEZE|RELEASE|REFUND)){0,3}$',
                default: 'FREEZE,UNFREEZE',
              },
              example: 'FREEZE,UNFREEZE,RELEASE,REFUND',
            },
          ],
          responses: {
            '200': {
              description: 'Instructions',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['instructions'],
                    properties: {
                      instructions: { type: 'array', items: { $ref: '#/components/schemas/Instruction' } },
                    },
                  },
                },
              },
            },
            '400': problemResponse('A bad query parameter.', ['VALIDATION_FAILED']),
            '401': auth401,
            '429': rate429,
          },
        },
      },
      '/instructions/{id}/ack': {
        post: {
          operationId: 'acknowledgeInstruction',
          tags: ['instructions'],
          summary: 'Acknowledges an instruction (执行回执)',
          description:
            'EXECUTED applies a FREEZE or UNFREEZE (the account becomes FROZEN or ACTIVE); for a RELEASE or REFUND it records that the payment was made, ' +
            'and the money itself is reported as the matching RELEASE or REFUND transaction (POST /transactions). The same outcome twice is idempotent (200 with the instruction); a different outcome is 409.',
          parameters: [
            ...postHeaders,
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['outcome', 'executedAt'],
                  additionalProperties: false,
                  properties: {
                    outcome: { type: 'string', enum: ['EXECUTED', 'REFUSED'] },
                    executedAt: { type: 'string', format: 'date-time', description: 'ISO 8601 with an offset' },
                    note: { type: ['string', 'null'], maxLength: 500 },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'The instruction',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Instruction' } } },
            },
            '400': bad400,
            '401': auth401,
            '404': problemResponse("No such instruction for this bank (another bank's instruction included).", [
              'INSTRUCTION_NOT_FOUND',
            ]),
            '409': problemResponse('Acknowledged before with another outcome, or the Idempotency-Key is in flight.', [
              'INSTRUCTION_ALREADY_ACKNOWLEDGED',
              'IDEMPOTENCY_IN_PROGRESS',
            ]),
            '422': idem['422'],
            '429': rate429,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        BankKeyId: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Bank-Key-Id',
          description: 'The API key id issued to the bank (issueBankApiKey); its secret never travels.',
        },
        BankTimestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Timestamp',
          description: `Unix time in seconds when the request was signed; refused (TIMESTAMP_OUT_OF_WINDOW) when more than ${timestampSkewSeconds} s from the service clock.`,
        },
        BankSignature: {
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
        Money: money,
        Problem: PROBLEM_SCHEMA,
        Account: {
          type: 'object',
          required: ['accountNo', 'institutionId', 'institutionName', 'creditCode', 'status', 'openedOn'],
          properties: {
            accountNo: { type: 'string' },
            institutionId: { type: 'string', format: 'uuid' },
            institutionName: { type: ['string', 'null'], description: 'Institution (校外培训机构) name' },
            creditCode: { type: ['string', 'null'], description: 'Unified social credit code (统一社会信用代码)' },
            status: { type: 'string', enum: ['ACTIVE', 'FROZEN', 'CLOSED'] },
            openedOn: { type: 'string', format: 'date' },
          },
        },
        Statement: {
          type: 'object',
          required: ['accountNo', 'statementDate', 'openingBalance', 'closingBalance', 'currency', 'revision'],
          properties: {
            accountNo: { type: 'string', pattern: '^[0-9A-Za-z-]{1,34}$' },
            statementDate: { type: 'string', format: 'date' },
            openingBalance: { $ref: '#/components/schemas/Money' },
            closingBalance: { $ref: '#/components/schemas/Money' },
            currency: { const: 'CNY' },
            revision: { type: 'integer', minimum: 0, maximum: 1000000 },
          },
        },
        Transaction: {
          type: 'object',
          required: ['accountNo', 'txnId', 'bookedAt', 'type', 'amount', 'currency'],
          properties: {
            accountNo: { type: 'string', pattern: '^[0-9A-Za-z-]{1,34}$' },
            txnId: { type: 'string', pattern: '^[\\x21-\\x7e]{1,64}$' },
            bookedAt: { type: 'string', format: 'date-time', description: 'ISO 8601 with an offset' },
            type: {
              type: 'string',
              enum: ['DEPOSIT', 'RELEASE', 'REFUND', 'INTEREST', 'FEE', 'REVERSAL'],
              description:
                'DEPOSIT prepaid fee in (预收费); RELEASE paid out for lessons delivered (一课一消); REFUND paid back to a family; INTEREST; FEE; REVERSAL undoes reversalOf',
            },
            amount: { $ref: '#/components/schemas/Money' },
            currency: { const: 'CNY' },
            payerRef: { type: ['string', 'null'], maxLength: 128, description: 'Hashed or masked payer reference' },
            lessonHours: { type: ['integer', 'null'], minimum: 0, description: 'Only meaningful on DEPOSIT' },
            coverageMonths: { type: ['integer', 'null'], minimum: 0, description: 'Only meaningful on DEPOSIT' },
            reversalOf: { type: ['string', 'null'], description: 'Required on a REVERSAL, null otherwise' },
            memo: { type: ['string', 'null'], maxLength: 500 },
            contractRef: {
              type: ['string', 'null'],
              pattern: '^[A-Z0-9-]{8,32}$',
              description:
                'Only on DEPOSIT (an item of another type naming one is REJECTED, INVALID): the prepaid contract code (合同编号) printed on the contract the family pays for, when your bank knows it. Optional, added within v1.',
            },
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
                    enum: ['ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'CONFLICT', 'INVALID', 'AMOUNT_OUT_OF_RANGE'],
                    description:
                      "ACCOUNT_NOT_FOUND, ACCOUNT_CLOSED, CONFLICT, INVALID, or AMOUNT_OUT_OF_RANGE: an amount above 99999999999.99, a balance above 99999999999999.99, or an item that would take the account's required custody (押金/预收费) beyond 99999999999999.99; only that item is refused.",
                  },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
        Instruction: {
          type: 'object',
          required: [
            'id',
            'accountNo',
            'action',
            'reason',
            'issuedAt',
            'status',
            'outcome',
            'executedAt',
            'note',
            'acknowledgedAt',
          ],
          properties: {
            id: { type: 'string', format: 'uuid' },
            accountNo: { type: 'string' },
            action: {
              type: 'string',
              enum: ['FREEZE', 'UNFREEZE', 'RELEASE', 'REFUND'],
              description: 'RELEASE and REFUND only when asked for with ?actions=',
            },
            reason: { type: 'string' },
            issuedAt: { type: 'string', format: 'date-time' },
            status: { type: 'string', enum: ['PENDING', 'EXECUTED', 'REFUSED'] },
            outcome: { type: ['string', 'null'], enum: ['EXECUTED', 'REFUSED', null] },
            executedAt: { type: ['string', 'null'], format: 'date-time' },
            note: { type: ['string', 'null'] },
            acknowledgedAt: { type: ['string', 'null'], format: 'date-time' },
            amount: {
              ...money,
              description:
                'RELEASE / REFUND only (absent on FREEZE / UNFREEZE): the amount to pay out of custody, a two-decimal string',
            },
            contractIds: {
              type: 'array',
              items: { type: 'string', format: 'uuid' },
              minItems: 1,
              description:
                'RELEASE / REFUND only: ids of the prepaid contracts the payment covers (ids, never the contract codes printed for parents)',
            },
            payeeRef: {
              type: 'string',
              maxLength: 128,
              description:
                'REFUND only: the payerRef your bank reported on the deposit; pay the refund back to that payer',
            },
          },
        },
      },
    },
  };
}

export type BankOpenApiDocument = ReturnType<typeof bankOpenApi>;
