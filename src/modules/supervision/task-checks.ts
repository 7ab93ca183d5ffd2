import { DomainError, ValidationFailed } from '../../platform/errors/domain-error';
import { MUST_NOT_BE_BLANK } from '../../platform/i18n/field-texts';

/** Whether a lookup through another module's facade finds its thing (its not-found error means no; other errors pass). */
export async function exists(lookup: () => Promise<unknown>): Promise<boolean> {
  try {
    await lookup();
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return false;
    throw error;
  }
}

/** The trimmed reason of a return or cancellation; a blank one is refused. */
export function requiredReason(reason: string): string {
  const why = reason.trim();
  if (!why) throw new ValidationFailed([{ path: 'reason', message: MUST_NOT_BE_BLANK }]);
  return why;
}
