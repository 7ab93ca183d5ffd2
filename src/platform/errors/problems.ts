import { Text } from '../i18n/text';
import { FieldProblem, ValidationFailed } from './domain-error';

/**
 * Collects what is wrong with one input, then refuses it with every problem at once (VALIDATION_FAILED)
 * or not at all. Messages are Texts (both languages, ADR 0021); common ones are in platform/i18n/field-texts.ts:
 *
 *   const problems = new Problems();
 *   problems.check(summary, 'summary', mustNotBeBlank);
 *   if (late) problems.add('deadlineAt', text('must be in the future', '须为将来的时间'));
 *   problems.throwIfAny();
 */
export class Problems {
  private readonly found: FieldProblem[] = [];

  /** Records a problem of the field at `path`. */
  add(path: string, message: Text): this {
    this.found.push({ path, message });
    return this;
  }

  /** Records the problem unless `ok` holds; returns whether it held (to skip checks that depend on it). */
  check(ok: unknown, path: string, message: Text): boolean {
    if (!ok) this.add(path, message);
    return !!ok;
  }

  get any(): boolean {
    return this.found.length > 0;
  }

  /** The problems so far, in the order they were found. */
  get list(): readonly FieldProblem[] {
    return this.found;
  }

  /** Throws ValidationFailed with every problem (and `message`, if given) when there is one; else nothing. */
  throwIfAny(message?: Text): void {
    if (this.found.length) throw new ValidationFailed([...this.found], message);
  }
}
