import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldProblem, ValidationFailed } from '../errors/domain-error';
import { Text } from '../i18n/text';

type Args = readonly unknown[];

/**
 * Chinese for class-validator's constraints, by constraint name and the constraint's arguments (ADR 0021).
 * The English stays class-validator's own message (or the DTO's custom one); the input DTOs are not
 * touched. A constraint missing here falls back to a generic sentence naming the field.
 */
const ZH: Record<string, (property: string, args: Args, en: string) => string> = {
  isString: (p) => `${p} 须为字符串`,
  maxLength: (p, [max]) => `${p} 不能超过 ${String(max)} 个字符`,
  minLength: (p, [min]) => `${p} 不能少于 ${String(min)} 个字符`,
  isLength: (p, [min, max]) =>
    max === undefined
      ? `${p} 不能少于 ${String(min)} 个字符`
      : `${p} 的长度须在 ${String(min)} 到 ${String(max)} 个字符之间`,
  isUuid: (p) => `${p} 须为 UUID`,
  isUUID: (p) => `${p} 须为 UUID`,
  matches: (p, _args, en) => `${p} 格式不正确${matchHint(en)}`,
  isInt: (p) => `${p} 须为整数`,
  isEnum: (p, [, values]) => `${p} 须为以下值之一：${list(values)}`,
  isIn: (p, [values]) => `${p} 须为以下值之一：${list(values)}`,
  min: (p, [min]) => `${p} 不能小于 ${String(min)}`,
  max: (p, [max]) => `${p} 不能大于 ${String(max)}`,
  isBoolean: (p) => `${p} 须为布尔值（true 或 false）`,
  arrayMaxSize: (p, [max]) => `${p} 最多包含 ${String(max)} 项`,
  arrayMinSize: (p, [min]) => `${p} 至少包含 ${String(min)} 项`,
  arrayNotEmpty: (p) => `${p} 不能为空列表`,
  isArray: (p) => `${p} 须为数组`,
  isDate: (p) => `${p} 须为日期`,
  isDateString: (p) => `${p} 须为有效的 ISO 8601 日期字符串`,
  isIso8601: (p) => `${p} 须为有效的 ISO 8601 日期字符串`,
  isLongitude: (p) => `${p} 须为经度（-180 到 180）`,
  isLatitude: (p) => `${p} 须为纬度（-90 到 90）`,
  isNotEmpty: (p) => `${p} 不能为空`,
  isDefined: (p) => `${p} 必须提供`,
  isNumber: (p) => `${p} 须为数字`,
  isPositive: (p) => `${p} 须为正数`,
  isObject: (p) => `${p} 须为对象`,
  nestedValidation: (p) => `${p} 须为对象或数组`,
  whitelistValidation: (p) => `不允许提交字段 ${p}`,
};

function list(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join('、') : String(values ?? '');
}

/** What a DTO's custom pattern message says after "must be" (formats such as YYYY-MM-DD or HH:MM), in Chinese where known. */
function matchHint(en: string): string {
  const at = en.indexOf(' must be ');
  if (at < 0) return '';
  const wanted = en
    .slice(at + ' must be '.length)
    .replace(/^(\d+) digits$/, '$1 位数字')
    .replace(/^(\d+)[–-](\d+) characters /, '$1–$2 个字符，')
    .replace(/, starting with a letter or digit$/, '，以字母或数字开头')
    .replace(/, starting with a letter$/, '，以字母开头');
  return `，应为：${wanted}`;
}

/** The arguments of each constraint of one property of the validated object's class. */
function constraintArgs(target: object | undefined, property: string): Map<string, Args> {
  const out = new Map<string, Args>();
  if (!target) return out;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  for (const m of metadata) {
    if (m.propertyName !== property) continue;
    const name = m.name ?? m.type;
    if (name && !out.has(name)) out.set(name, (m.constraints ?? []) as Args);
  }
  return out;
}

/** A class-validator message in both languages: its English as written, Chinese by constraint. */
export function constraintText(constraint: string, property: string, en: string, args?: Args): Text {
  const zh = ZH[constraint];
  // Without the metadata (a body that is not an object of the DTO's class): the numbers class-validator wrote.
  args ??= (en.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  return { en, zh: zh ? zh(property, args, en) : `${property} 不符合要求` };
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const args = constraintArgs(e.target, e.property);
    const own = Object.entries(e.constraints ?? {}).map(([constraint, en]) => ({
      path,
      message: constraintText(constraint, e.property, en, args.get(constraint)),
    }));
    return own.concat(flatten(e.children ?? [], path));
  });
}

/**
 * class-validator on every DTO: unknown properties refused, errors listed by path, each message in both
 * languages (the target is kept on the errors only to read the constraints' arguments).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}
