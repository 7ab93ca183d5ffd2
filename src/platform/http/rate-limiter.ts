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
 * whether it did; concurrent requests serialise on the bucket's row. Time comes from the Clock.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async take(bucket: string, ratePerSecond: number, burst: number): Promise<RateLimitResult> {
    const rows: { tokens: number; allowed: boolean }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (bucket, tokens, updated_at, allowed)
       VALUES ($1, $3::float8 - 1, $4, true)
       ON CONFLICT (bucket) DO UPDATE SET (tokens, allowed, updated_at) = (
         SELECT CASE WHEN s.refilled >= 1 THEN s.refilled - 1 ELSE s.refilled END, s.refilled >= 1, GREATEST(b.updated_at, $4)
         FROM (SELECT LEAST($3::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM ($4::timestamptz - b.updated_at))::float8) * $2::float8) AS refilled) s)
       RETURNING tokens, allowed`,
      [bucket, ratePerSecond, burst, this.clock.now()],
    );
    const { tokens, allowed } = rows[0] as { tokens: number; allowed: boolean };
    return { allowed, retryAfterSeconds: allowed ? 0 : retryAfterSeconds(Number(tokens), ratePerSecond) };
  }
}
