import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDateString(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDateString(value)) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD (e.g. 2026-09-01)');
  }
  return value;
}

/**
 * A calendar date (日期) without a time: YYYY-MM-DD, a business day in China Standard Time. Instants
 * (a moment something happened) are `DateTime`; days (a deadline day, a term's first day) are `Date`.
 * Values reach resolvers and services as the same YYYY-MM-DD string PostgreSQL's `date` columns hold.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date (日期) written YYYY-MM-DD: a business day in China Standard Time (UTC+8), with no time of day.',
  serialize(value) {
    if (value instanceof Date) {
      // A JS Date reaching a Date field is a day held at midnight China Standard Time.
      return new Date(value.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    }
    if (typeof value === 'string' && isCalendarDateString(value)) return value;
    throw new GraphQLError('Date cannot represent a value that is not a YYYY-MM-DD calendar date');
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string written YYYY-MM-DD');
    return parse(ast.value);
  },
});
