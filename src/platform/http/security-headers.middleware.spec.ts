import type { NextFunction, Request, Response } from 'express';
import { securityHeadersMiddleware } from './security-headers.middleware';

function run(hsts: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
  } as unknown as Response;
  const next = jest.fn() as NextFunction;
  securityHeadersMiddleware({ hsts })({} as Request, res, next);
  expect(next).toHaveBeenCalledTimes(1);
  return headers;
}

describe('securityHeadersMiddleware', () => {
  it('sets nosniff, no framing, no referrer and no-store', () => {
    expect(run(false)).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('adds HSTS only when the operator says TLS terminates in front', () => {
    expect(run(true)['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
