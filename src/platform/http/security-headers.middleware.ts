import type { NextFunction, Request, Response } from 'express';

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security: only where TLS terminates in front of the service (HTTP_HSTS). */
  hsts: boolean;
}

/** One year, the usual HSTS lifetime; subdomains included (the county's service host is its own name). */
const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Headers every answer carries: no MIME sniffing, never framed (clickjacking), no referrer leaking
 * tracking numbers in URLs, and `Cache-Control: no-store` by default, since every answer of the service
 * is either personal (authenticated GraphQL, CSV/XLSX downloads) or live state; a route that may be
 * cached says so itself.
 */
export function securityHeadersMiddleware(options: SecurityHeaderOptions) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (options.hsts) res.setHeader('Strict-Transport-Security', HSTS_VALUE);
    next();
  };
}
