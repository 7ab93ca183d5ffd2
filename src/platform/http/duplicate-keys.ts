import { DomainError } from '../errors/domain-error';
import { text } from '../i18n/text';

/**
 * Refuses (400 DUPLICATE_JSON_KEY) a signed body naming a key twice in one object: JSON.parse would read the
 * last one while the partner's system may have meant the first. Every signed partner guard calls it.
 */
export function refuseDuplicateJsonKeys(rawBody: Buffer | undefined): void {
  const duplicate = rawBody ? findDuplicateKey(rawBody.toString('utf8')) : null;
  if (duplicate !== null)
    throw new DomainError(
      'DUPLICATE_JSON_KEY',
      text(`The body names "${duplicate}" twice in one object`, `请求体的同一对象中“${duplicate}”出现了两次`),
      400,
      [{ path: duplicate, message: text('named twice', '重复出现') }],
    );
}

/**
 * The first key named twice in one JSON object of `text`, as a path (`statements.0.amount`), or null.
 * JSON.parse keeps the last of duplicate keys silently; a bank's signed bytes must mean one thing, so the
 * bank API refuses them. Malformed JSON gives null here (the parser reports it).
 */
export function findDuplicateKey(text: string): string | null {
  const stack: { keys: Set<string> | null; expectKey: boolean; at: string | number }[] = [];
  const path = () =>
    stack
      .map((f) => f.at)
      .filter((a) => a !== '')
      .join('.');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push({ keys: c === '{' ? new Set() : null, expectKey: c === '{', at: c === '[' ? 0 : '' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.keys) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.keys && top.expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return null;
        }
        top.at = key;
        if (top.keys.has(key)) return path();
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    }
  }
  return null;
}
