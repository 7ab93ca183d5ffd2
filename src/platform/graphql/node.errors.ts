import { NotFound, ValidationFailed } from '../errors/domain-error';
import { MUST_BE_UUID } from '../i18n/field-texts';
import { text } from '../i18n/text';

/** No object with this id that the caller may read (missing, out of scope, or of a type the role cannot read). */
export const nodeNotFound = (): NotFound => new NotFound(text('Object', '对象'), 'NODE_NOT_FOUND');

export const tooManyNodeIds = (max: number): ValidationFailed =>
  new ValidationFailed([{ path: 'ids', message: text(`must hold at most ${max} ids`, `最多包含 ${max} 个 id`) }]);

export const nodeIdNotUuid = (index: number): ValidationFailed =>
  new ValidationFailed([{ path: `ids.${index}`, message: MUST_BE_UUID }]);
