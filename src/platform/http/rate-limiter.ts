import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';

export interface RateLimitResult {
  allowed: boolean;
  /** Whole seconds until one request's worth of tokens is back (0 when allowed). */
  retryAfterSeconds: number;
}

/** Seconds until a bucket holding `tokens` has refilled to one token at `ratePerSecond` (at least 1). */
export function retryAfterSeconds(tokens: number, ratePerSecond: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / ratePerSecond - 1e-9));
}

/**
 * Token buckets in PostgreSQL, so every API replica draws from the same bucket. One statement refills
 * the bucket for the time elapsed (never above `burst`), takes a token if there is one, and reports
 * whether it did; concurrent requests serialise on the bucket's row. Time comes from the Clock. Each take
 * also records when the bucket will be full again, and `evictFull` (a scheduled task) deletes full ones.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async take(bucket: string, ratePerSecond: number, burst: number): Promise<RateLimitResult> {
    const rows: { tokens: number; allowed: boolean }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (bucket, tokens, updated_at, allowed, full_at)
       VALUES ($1, $3::float8 - 1, $4, true, $4::timestamptz + make_interval(secs => 1 / $2::float8))
       ON CONFLICT (bucket) DO UPDATE SET (tokens, allowed, updated_at, full_at) = (
         SELECT s.tokens, s.allowed, s.at, s.at + make_interval(secs => ($3::float8 - s.tokens) / $2::float8)
         FROM (SELECT CASE WHEN r.refilled >= 1 THEN r.refilled - 1 ELSE r.refilled END AS tokens, r.refilled >= 1 AS allowed, r.at
               FROM (SELECT LEAST($3::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM ($4::timestamptz - b.updated_at))::float8) * $2::float8) AS refilled,
                            GREATEST(b.updated_at, $4::timestamptz) AS at) r) s)
       RETURNING tokens, allowed`,
      [bucket, ratePerSecond, burst, this.clock.now()],
    );
    const { tokens, allowed } = rows[0] as { tokens: number; allowed: boolean };
    return { allowed, retryAfterSeconds: allowed ? 0 : retryAfterSeconds(Number(tokens), ratePerSecond) };
  }

  /**
   * Whether `take` would allow a request now, without taking a token (a read: a missing bucket is full).
   * For throttles that count only failures (the parent's contract code): peek before the attempt, take
   * after a failure.
   */
  async peek(bucket: string, ratePerSecond: number, burst: number): Promise<RateLimitResult> {
    const rows: { tokens: number }[] = await this.dataSource.query(
      `SELECT LEAST($3::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM ($4::timestamptz - b.updated_at))::float8) * $2::float8) AS tokens
       FROM rate_limit_bucket b WHERE b.bucket = $1`,
      [bucket, ratePerSecond, burst, this.clock.now()],
    );
    const tokens = rows.length ? Number(rows[0]!.tokens) : burst;
    return tokens >= 1
      ? { allowed: true, retryAfterSeconds: 0 }
      : { allowed: false, retryAfterSeconds: retryAfterSeconds(tokens, ratePerSecond) };
  }

  /**
   * Deletes the buckets that have refilled to their burst (`full_at` passed): such a bucket answers
   * exactly as a missing one would, so the table holds only clients seen within their windows.
   */
  async evictFull(): Promise<number> {
    const [, deleted] = (await this.dataSource.query(`DELETE FROM rate_limit_bucket WHERE full_at <= $1`, [
      this.clock.now(),
    ])) as [unknown, number];
    return deleted;
  }
}
