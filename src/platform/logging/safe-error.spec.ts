import { QueryFailedError } from 'typeorm';
import { safeError } from './safe-error';

describe('safeError', () => {
  const driverError = Object.assign(
    new Error('duplicate key value violates unique constraint "uq_complaint_tracking"'),
    {
      code: '23505',
      severity: 'ERROR',
      constraint: 'uq_complaint_tracking',
      table: 'complaint',
      schema: 'public',
      detail: 'Key (payer_ref)=(张三家长-13800138000) already exists.',
      where: 'SQL statement "INSERT … 13800138000"',
    },
  );

  it('keeps the code, constraint and table of a failed query, never its parameters, statement or values', () => {
    const err = new QueryFailedError(
      'INSERT INTO complaint (description) VALUES ($1)',
      ['孩子在机构被体罚，联系电话13800138000'],
      driverError,
    );
    const logged = JSON.stringify(safeError(err));
    expect(logged).not.toContain('13800138000');
    expect(logged).not.toContain('体罚');
    expect(logged).not.toContain('INSERT INTO');
    expect(safeError(err)).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'uq_complaint_tracking',
      table: 'complaint',
    });
  });

  it('redacts the values PostgreSQL quotes in its message', () => {
    const pg = Object.assign(new Error('invalid input syntax for type uuid: "张三 13800138000"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'string_to_uuid',
    });
    const err = new QueryFailedError('SELECT 1 WHERE id = $1', ['张三 13800138000'], pg);
    const out = safeError(err);
    expect(JSON.stringify(out)).not.toContain('13800138000');
    expect(out.message).toBe('invalid input syntax for type uuid: "…"');
    expect(out).toMatchObject({ code: '22P02', routine: 'string_to_uuid' });
    expect(out.stack).toContain('at ');
  });

  it('keeps an ordinary error as it is, with its code', () => {
    const err = Object.assign(new Error('queue closed'), { code: 'E_CLOSED', parameters: ['secret'] });
    expect(safeError(err)).toMatchObject({ type: 'Error', message: 'queue closed', code: 'E_CLOSED' });
    expect(JSON.stringify(safeError(err))).not.toContain('secret');
  });
});

describe('safeError on its own output', () => {
  it('passes an already safe error through, so a logger serialiser running it again keeps the details', () => {
    const once = safeError(new TypeError('x is undefined'));
    expect(safeError(once)).toBe(once);
    expect(safeError(once)).toMatchObject({ type: 'TypeError', message: 'x is undefined' });
    // Any other plain object is still not trusted.
    expect(safeError({ type: 'TypeError', message: 'x' })).toEqual({ type: 'object', message: '[non-error value]' });
  });
});
