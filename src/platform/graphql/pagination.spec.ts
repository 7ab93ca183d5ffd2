import { ValidationFailed } from '../errors/domain-error';
import { CursorSpec, configureCursorKey, decodeCursor, encodeCursor, pageInfoOf } from './pagination';

const institutions: CursorSpec = {
  list: 'registry.institutions',
  order: 'i.name,i.id',
  direction: 'ASC',
  types: ['string', 'uuid'],
};
const tasks: CursorSpec = {
  list: 'supervision.tasks',
  order: 't.created_at,t.id',
  direction: 'DESC',
  types: ['timestamp', 'uuid'],
};
const ID = '0b7f7a52-3c1e-4a8e-9c55-8d1b2f3a4c5d';

describe('list cursors', () => {
  beforeAll(() => configureCursorKey(Buffer.alloc(32, 7)));

  it('round-trips the values on the list that issued the cursor', () => {
    expect(decodeCursor(institutions, encodeCursor(institutions, ['阳光教育培训学校', ID]))).toEqual([
      '阳光教育培训学校',
      ID,
    ]);
  });

  it('fits the longest sort key (a 200-character Chinese name) within the 2048 characters `after` allows', () => {
    const cursor = encodeCursor(institutions, ['培'.repeat(200), ID]);
    expect(cursor.length).toBeLessThan(2048);
    expect(decodeCursor(institutions, cursor)).toEqual(['培'.repeat(200), ID]);
  });

  it('carries no readable text', () => {
    const cursor = encodeCursor(institutions, ['Sunshine Tutoring', ID]);
    const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
    expect(decoded).not.toContain('Sunshine');
    expect(cursor).not.toContain(Buffer.from('Sunshine').toString('base64url').slice(0, 8));
    expect(decoded).not.toContain(ID);
  });

  it('refuses a cursor of another list, ordering or direction', () => {
    const cursor = encodeCursor(institutions, ['A', ID]);
    expect(() => decodeCursor(tasks, cursor)).toThrow(ValidationFailed);
    expect(() => decodeCursor({ ...institutions, direction: 'DESC' }, cursor)).toThrow(ValidationFailed);
    expect(() => decodeCursor({ ...institutions, list: 'identity.users' }, cursor)).toThrow(ValidationFailed);
  });

  it('refuses the old readable cursors, tampered cursors and garbage', () => {
    const old = Buffer.from(JSON.stringify(['A', ID])).toString('base64url');
    expect(() => decodeCursor(institutions, old)).toThrow(ValidationFailed);
    const cursor = encodeCursor(institutions, ['A', ID]);
    const raw = Buffer.from(cursor, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => decodeCursor(institutions, raw.toString('base64url'))).toThrow(ValidationFailed);
    for (const bad of ['', '!!!', 'a'.repeat(40), 'x.y.z'])
      expect(() => decodeCursor(institutions, bad)).toThrow(ValidationFailed);
  });

  it('checks the value types even inside a sealed cursor', () => {
    expect(() => decodeCursor(tasks, encodeCursor(tasks, ['not a time', ID]))).toThrow(ValidationFailed);
    expect(() => decodeCursor(tasks, encodeCursor(tasks, ['2026-01-01T00:00:00.000Z', 'not-a-uuid']))).toThrow(
      ValidationFailed,
    );
    expect(() => decodeCursor(tasks, encodeCursor(tasks, [42, ID]))).toThrow(ValidationFailed);
    expect(decodeCursor(tasks, encodeCursor(tasks, ['2026-01-01T00:00:00.000Z', ID]))).toEqual([
      '2026-01-01T00:00:00.000Z',
      ID,
    ]);
  });

  it('names the field it refuses', () => {
    try {
      decodeCursor(institutions, 'nonsense', 'cursor');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect(JSON.stringify(error)).toContain('cursor');
    }
  });
});

describe('pageInfoOf', () => {
  const edges = [{ cursor: 'c1' }, { cursor: 'c2' }];

  it('first page: no previous page, start and end cursors of its edges', () => {
    expect(pageInfoOf(edges, true, undefined)).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: 'c1',
      endCursor: 'c2',
    });
  });

  it('a page after a cursor has a previous page; an empty page has no cursors', () => {
    expect(pageInfoOf(edges, false, 'c0')).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(pageInfoOf([], false, 'c9')).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });
});
