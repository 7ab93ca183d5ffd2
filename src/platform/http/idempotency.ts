import { createHash, randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, RawBodyRequest } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { Conflict, DomainError, ValidationFailed } from '../errors/domain-error';
import { requestContext } from '../logging/request-context';
import { text } from '../i18n/text';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Default of IDEMPOTENCY_ABANDONED_AFTER_SECONDS: a request still IN_PROGRESS this long after it began is taken to have died with its process. */
export const ABANDONED_AFTER_MS = 5 * 60_000;

const IN_PROGRESS = text(
  'A request with this Idempotency-Key is still being processed; retry later',
  '使用此 Idempotency-Key 的请求仍在处理中，请稍后重试',
);

/** The Idempotency-Key header of a write, validated (bank-api.md: required on every POST). */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new ValidationFailed(
      [
        {
          path: 'Idempotency-Key',
          message:
            header === undefined
              ? text('is required on this request', '此请求必须提供')
              : text('must be 1–128 characters [A-Za-z0-9_-]', '须为 1–128 个字符（A-Z、a-z、0-9、_、-）'),
        },
      ],
      text('The Idempotency-Key header is missing or malformed', 'Idempotency-Key 请求头缺失或格式错误'),
    );
  }
  return header;
}

/** Fingerprint of what the request asks for: method, path with query and the exact body bytes. */
export function requestHash(method: string, pathWithQuery: string, body: Buffer | string): string {
  return createHash('sha256').update(`${method.toUpperCase()}\n${pathWithQuery}\n`).update(body).digest('hex');
}

export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      text('This Idempotency-Key was used for a different request', '此 Idempotency-Key 已用于另一个不同的请求'),
      422,
    );
  }
}

export type IdempotencyOutcome =
  { kind: 'started'; lockToken: string } | { kind: 'replay'; status: number; body: string };

/**
 * Idempotency records in PostgreSQL (so every replica sees them): one row per API key and
 * Idempotency-Key with the request's fingerprint, its state and, once done, the response.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Claims the key for this request, or answers from the first one: a replay when it completed with the
   * same fingerprint, 422 for another fingerprint, 409 while it is still running. An expired record, or
   * one abandoned by a process that died, is taken over by the same statement.
   */
  async begin(scope: string, key: string, hash: string): Promise<IdempotencyOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.clock.now();
      const lockToken = randomUUID();
      const expiresAt = new Date(now.getTime() + this.config.bankApi.idempotencyTtlHours * 3_600_000);
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_request AS r (scope, idempotency_key, request_hash, state, lock_token, created_at, expires_at)
         VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5, $6)
         ON CONFLICT (scope, idempotency_key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS', lock_token = EXCLUDED.lock_token,
               created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
               response_status = NULL, response_body = NULL, completed_at = NULL
           WHERE r.expires_at <= $5 OR (r.state = 'IN_PROGRESS' AND r.created_at <= $7)
         RETURNING lock_token`,
        [
          scope,
          key,
          hash,
          lockToken,
          now,
          expiresAt,
          new Date(now.getTime() - this.config.bankApi.idempotencyAbandonedSeconds * 1000),
        ],
      );
      if (claimed.length > 0) return { kind: 'started', lockToken };
      const rows: {
        request_hash: string;
        state: string;
        response_status: number | null;
        response_body: string | null;
      }[] = await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body FROM idempotency_request WHERE scope = $1 AND idempotency_key = $2`,
        [scope, key],
      );
      const existing = rows[0];
      if (!existing) continue; // released between the two statements: try to claim it again
      if (existing.request_hash !== hash) throw new IdempotencyKeyReused();
      if (existing.state !== 'COMPLETED') throw new Conflict('IDEMPOTENCY_IN_PROGRESS', IN_PROGRESS);
      return { kind: 'replay', status: existing.response_status ?? 200, body: existing.response_body ?? '' };
    }
    throw new Conflict('IDEMPOTENCY_IN_PROGRESS', IN_PROGRESS);
  }

  /** Keeps the response of a successful request for replays. */
  async complete(scope: string, key: string, lockToken: string, status: number, body: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_request SET state = 'COMPLETED', response_status = $4, response_body = $5, completed_at = $6
       WHERE scope = $1 AND idempotency_key = $2 AND lock_token = $3`,
      [scope, key, lockToken, status, body, this.clock.now()],
    );
  }

  /**
   * Keeps this request's answer inside the transaction that does its work, just before it commits, so the
   * two are one: a process dying after the commit leaves the answer recorded, and the client's retry gets
   * the same status and body (bank-api.md), not a fresh answer to work already done. The handler must
   * return exactly `body`. Outside an idempotent request it does nothing.
   */
  async recordIn(em: EntityManager, body: unknown): Promise<void> {
    const claim = requestContext.getStore()?.idempotency;
    if (!claim) return;
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, recorded] = (await em.query(
      `UPDATE idempotency_request SET state = 'COMPLETED', response_status = $4, response_body = $5, completed_at = $6
       WHERE scope = $1 AND idempotency_key = $2 AND lock_token = $3 AND state = 'IN_PROGRESS'`,
      [
        claim.scope,
        claim.key,
        claim.lockToken,
        claim.status,
        body === undefined ? '' : JSON.stringify(body),
        this.clock.now(),
      ],
    )) as [unknown[], number];
    // The claim is no longer ours: this request ran past IDEMPOTENCY_ABANDONED_AFTER_SECONDS and a retry
    // took the key over. Its work must not commit beside the retry's, with a second answer: roll it back.
    if (recorded !== 1)
      throw new Conflict(
        'IDEMPOTENCY_IN_PROGRESS',
        text(
          'A retry with this Idempotency-Key took this request over; its work was not kept',
          '使用此 Idempotency-Key 的重试请求已接管本请求，本请求的处理结果未保留',
        ),
      );
    claim.recorded = true;
  }

  /** Forgets a request that failed: it changed nothing, so the client may retry with the same key. */
  async release(scope: string, key: string, lockToken: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_request WHERE scope = $1 AND idempotency_key = $2 AND lock_token = $3 AND state = 'IN_PROGRESS'`,
      [scope, key, lockToken],
    );
  }

  /**
   * Releases in the background when the database cannot be reached now (the request failed because it
   * went away): tries again with backoff until it is back, so the client's retry with the same key is
   * not refused as still in progress until the record counts as abandoned.
   */
  releaseLater(scope: string, key: string, lockToken: string, startedAt = Date.now(), attempt = 0): void {
    if (Date.now() - startedAt > this.config.bankApi.idempotencyAbandonedSeconds * 1000) return; // taken over as abandoned by then anyway
    setTimeout(
      () => {
        this.release(scope, key, lockToken).catch(() =>
          this.releaseLater(scope, key, lockToken, startedAt, attempt + 1),
        );
      },
      Math.min(250 * 2 ** attempt, 1000),
    ).unref();
  }

  /** Removes expired records (they are also taken over when their key comes back). */
  async purgeExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM idempotency_request WHERE expires_at <= $1`, [
      this.clock.now(),
    ])) as [unknown, number];
    return count;
  }
}

/**
 * Idempotent writes: the first request with an Idempotency-Key runs and its successful response is kept;
 * the same key with the same request returns that response again (same status and body, header
 * `Idempotent-Replayed: true`) without running the handler. Failed requests are not kept. Reads pass.
 * The record belongs to the principal's API key (bank-api.md: key id + Idempotency-Key).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RawBodyRequest<Request>>();
    const res = context.switchToHttp().getResponse<Response>();
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next.handle();
    const key = idempotencyKeyOf(req.header('idempotency-key'));
    const principal = req.principal;
    const scope =
      principal?.kind === 'bank'
        ? `bank-key:${principal.keyId}`
        : principal?.kind === 'platform'
          ? `platform-key:${principal.keyId}`
          : principal?.kind === 'user'
            ? `user:${principal.userId}`
            : 'anonymous';
    const hash = requestHash(req.method, req.originalUrl, req.rawBody ?? '');
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ??
      (req.method === 'POST' ? 201 : 200);

    return from(this.store.begin(scope, key, hash)).pipe(
      mergeMap((outcome) => {
        if (outcome.kind === 'replay') {
          res.setHeader('Idempotent-Replayed', 'true');
          return of(outcome.body === '' ? undefined : JSON.parse(outcome.body));
        }
        const claim = { scope, key, lockToken: outcome.lockToken, status, recorded: false };
        const context = requestContext.getStore();
        if (context) context.idempotency = claim;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            // Handlers that recorded their answer with their work (IdempotencyStore.recordIn) are done.
            if (!claim.recorded)
              await this.store.complete(
                scope,
                key,
                outcome.lockToken,
                status,
                body === undefined ? '' : JSON.stringify(body),
              );
            return body;
          }),
          catchError((error: unknown) =>
            from(
              this.store.release(scope, key, outcome.lockToken).catch(() => {
                // The database is gone too (the likely cause of the failure): release once it is back, and answer the original error.
                this.store.releaseLater(scope, key, outcome.lockToken);
              }),
            ).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }
}
