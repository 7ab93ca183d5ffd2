/**
 * A message in both languages the service answers in (ADR 0021). Every error and validation message is
 * a Text, so a message with one language only does not compile; the language is picked when the answer
 * is written (`localize`), from the request's Accept-Language.
 */
export interface Text {
  readonly en: string;
  readonly zh: string;
}

/** The languages messages are written in: Simplified Chinese (the county's) and English. */
export type Locale = 'zh' | 'en';

export const LOCALES: readonly Locale[] = ['zh', 'en'];

/** The `Content-Language` tag answered for a locale. */
export const LANGUAGE_TAG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

/** Builds a Text: `text('must not be blank', '不能为空')`. */
export function text(en: string, zh: string): Text {
  return { en, zh };
}

/** Joins Texts per language (English with `en`, Chinese with `zh` as separator). */
export function joinTexts(parts: readonly Text[], en = '; ', zh = '；'): Text {
  return { en: parts.map((p) => p.en).join(en), zh: parts.map((p) => p.zh).join(zh) };
}

/** True for a value shaped like a Text (both languages, strings). */
export function isText(value: unknown): value is Text {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Text).en === 'string' &&
    typeof (value as Text).zh === 'string'
  );
}
