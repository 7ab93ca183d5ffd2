import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { PinoNestLogger, createRootLogger } from './logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('error logging', () => {
  const complaintText = '机构老师体罚学生，家长电话13800138000';
  const failed = () =>
    new QueryFailedError(
      'INSERT INTO complaint (description, payer_ref) VALUES ($1, $2)',
      [complaintText, 'PAYER-张三-4411'],
      Object.assign(new Error('value too long for type character varying(20)'), {
        code: '22001',
        severity: 'ERROR',
        table: 'complaint',
        detail: `Failing row contains (${complaintText}).`,
      }),
    );

  it('writes a failed query through the Nest logger with its code and table, without parameters or values', async () => {
    const { lines, stream } = capture();
    new PinoNestLogger(createRootLogger('info', stream)).error(failed(), 'Errors');
    await new Promise((resolve) => setImmediate(resolve));
    const out = lines.join('');
    expect(out).toContain('"code":"22001"');
    expect(out).toContain('"table":"complaint"');
    for (const secret of ['13800138000', '体罚', 'PAYER-', 'INSERT INTO']) expect(out).not.toContain(secret);
  });

  it('applies the same redaction to errors logged directly with pino ({ err })', async () => {
    const { lines, stream } = capture();
    createRootLogger('info', stream).error({ err: failed() }, 'ingest failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.join('')).not.toContain('13800138000');
    expect(lines.join('')).toContain('"code":"22001"');
  });
});
