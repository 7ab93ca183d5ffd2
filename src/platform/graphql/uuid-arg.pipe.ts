import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-error';

/** Validates an id argument as a UUID, answering VALIDATION_FAILED with the argument's name. */
export function uuidArg(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailed([{ path: name, message: 'must be a UUID' }]),
  });
}
