import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '../logging/request-context';
import { LANGUAGE_TAG, Locale, Text } from './text';

/** The language when the request names none the service writes (the county's: Simplified Chinese). */
export const DEFAULT_LOCALE: Locale = 'zh';

/** The supported locale a language range names, or undefined (`*` is handled by the caller). */
function localeOf(range: string): Locale | undefined {
  const primary = range.split('-')[0]!;
  if (primary === 'zh') return 'zh';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * Picks the message language from an Accept-Language header (RFC 9110 §12.5.4): the supported language
 * with the highest q-value (q=0 means "not this one"); on a tie the one listed first. `zh`, `zh-CN`,
 * `zh-Hans-…` (any `zh…`) are Chinese, `en…` English; `*` stands for any language not named otherwise.
 * No header, nothing supported, or a header that cannot be read: the default.
 */
export function negotiateLocale(header: string | undefined | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (!header) return fallback;
  const q: Partial<Record<Locale, number>> = {};
  let star: number | undefined;
  const order: Locale[] = [];
  for (const item of header.slice(0, 1000).split(',').slice(0, 50)) {
    const [rawRange, ...params] = item.split(';');
    const range = rawRange!.trim().toLowerCase();
    if (!range) continue;
    let weight = 1;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k?.toLowerCase() !== 'q') continue;
      const n = Number(v);
      weight = v !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(v) && Number.isFinite(n) ? n : 0;
    }
    if (range === '*') {
      star = Math.max(star ?? 0, weight);
      continue;
    }
    const locale = localeOf(range);
    if (!locale) continue;
    // The most specific range decides in RFC 4647; both kinds here name one language, so the best weight wins.
    if (q[locale] === undefined) order.push(locale);
    q[locale] = Math.max(q[locale] ?? 0, weight);
  }
  if (star !== undefined) {
    for (const locale of [fallback, ...(['zh', 'en'] as Locale[])])
      if (q[locale] === undefined) {
        q[locale] = star;
        order.push(locale);
      }
  }
  let best: Locale | undefined;
  for (const locale of order) if ((q[locale] ?? 0) > 0 && (best === undefined || q[locale]! > q[best]!)) best = locale;
  return best ?? fallback;
}

/** The language of the current request's messages (the default outside a request: jobs, CLI). */
export function currentLocale(): Locale {
  return requestContext.getStore()?.locale ?? DEFAULT_LOCALE;
}

/** A Text in the current request's language. */
export function localize(message: Text, locale: Locale = currentLocale()): string {
  return message[locale];
}

/**
 * Reads Accept-Language once per request into the request context (after the request id middleware),
 * and answers `Vary: Accept-Language`: any answer may carry a message in the language asked for.
 * `Content-Language` is set where a message is written (problem answers, GraphQL answers).
 */
export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const locale = negotiateLocale(req.header('accept-language'));
  const store = requestContext.getStore();
  if (store) store.locale = locale;
  res.vary('Accept-Language');
  // Every GraphQL answer may carry messages (errors); REST answers say so where they write a problem.
  if (req.path === '/graphql') setContentLanguage(res, locale);
  next();
}

/** Sets Content-Language for an answer whose messages are in `locale`. */
export function setContentLanguage(res: Pick<Response, 'setHeader'>, locale: Locale = currentLocale()): void {
  res.setHeader('Content-Language', LANGUAGE_TAG[locale]);
}
