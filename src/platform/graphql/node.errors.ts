import { NotFound, ValidationFailed } from '../errors/domain-error';

/** No object with this id that the caller may read (missing, out of scope, or of a type the role cannot read). */
export const nodeNotFound = (): NotFound => new NotFound('Object', 'NODE_NOT_FOUND');

export const tooManyNodeIds = (max: number): ValidationFailed =>
  new ValidationFailed([{ path: 'ids', message: `must hold at most ${max} ids` }]);

export const nodeIdNotUuid = (index: number): ValidationFailed =>
  new ValidationFailed([{ path: `ids.${index}`, message: 'must be a UUID' }]);
