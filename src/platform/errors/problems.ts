import { FieldProblem, ValidationFailed } from './domain-error';

/**
 * Collects what is wrong with one input, then refuses it with every problem at once (VALIDATION_FAILED)
 * or not at all:
 *
 *   const problems = new Problems();
 *   problems.check(summary, 'summary', 'must not be blank');
 *   if (late) problems.add('deadlineAt', 'must be in the future');
 *   problems.throwIfAny();
 */
export class Problems {
  private readonly found: FieldProblem[] = [];

  /** Records a problem of the field at `path`. */
  add(path: string, message: string): this {
    this.found.push({ path, message });
    return this;
  }

  /** Records the problem unless `ok` holds; returns whether it held (to skip checks that depend on it). */
  check(ok: unknown, path: string, message: string): boolean {
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
  throwIfAny(message?: string): void {
    if (this.found.length) throw new ValidationFailed([...this.found], message);
  }
}
