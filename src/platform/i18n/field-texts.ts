import { Text, text } from './text';

/** Field problems many inputs share, in both languages (ADR 0021). */
export const IS_REQUIRED = text('is required', '必须填写');
export const MUST_NOT_BE_BLANK = text('must not be blank', '不能为空白');
export const MUST_NOT_BE_EMPTY = text('must not be empty', '不能为空');
export const MUST_BE_DATE = text('must be a date YYYY-MM-DD', '须为 YYYY-MM-DD 格式的日期');
export const MUST_BE_UUID = text('must be a UUID', '须为 UUID');
export const MUST_BE_IN_FUTURE = text('must be in the future', '须为将来的时间');
export const MUST_NOT_BE_IN_FUTURE = text('must not be in the future', '不能晚于今天');
export const ACCOUNT_NO_FORMAT = text('must be 1–34 characters 0-9, A-Z, a-z or -', '须为 1–34 位数字、字母或 -');

/** "must be 1–100 characters". */
export const charactersBetween = (min: number, max: number): Text =>
  text(`must be ${min}–${max} characters`, `须为 ${min}–${max} 个字符`);

/** "must not be before startDate". */
export const notBefore = (other: string): Text => text(`must not be before ${other}`, `不能早于 ${other}`);

/** "must be one of A, B". */
export const oneOf = (values: readonly string[]): Text =>
  text(`must be one of ${values.join(', ')}`, `须为以下值之一：${values.join('、')}`);

export const NO_SUCH_INSTITUTION = text('no such institution', '机构不存在');
export const noDepartment = (code: string): Text => text(`no department ${code}`, `部门 ${code} 不存在`);
export const noTownship = (code: string): Text => text(`no township ${code}`, `乡镇 ${code} 不存在`);
export const ID_NUMBER_FORMAT = text(
  'must be an 18-character resident ID number (17 digits and a digit or X)',
  '须为 18 位居民身份证号码（17 位数字加 1 位数字或 X）',
);
/** "grid G is not in township T". */
export const gridOutside = (grid: string, township: string): Text =>
  text(`grid ${grid} is not in township ${township}`, `网格 ${grid} 不属于乡镇 ${township}`);
