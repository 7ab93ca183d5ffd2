import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-error';
import { MUST_BE_UUID } from '../i18n/field-texts';

/** Validates an id argument as a UUID, answering VALIDATION_FAILED with the argument's name. */
export function uuidArg(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailed([{ path: name, message: MUST_BE_UUID }]),
  });
}
