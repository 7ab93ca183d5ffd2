import { Loaders, loadLink, loadLinks } from './loaders';

describe('link loaders', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('answers every link of one kind in a request with one batch, null for an id the batch leaves out', async () => {
    const loaders = new Loaders();
    const batches: string[][] = [];
    const batch = (ids: readonly string[]) => {
      batches.push([...ids]);
      return Promise.resolve(rows.filter((r) => ids.includes(r.id) && r.id !== 'b'));
    };
    const answers = await Promise.all([
      loadLink(loaders, 'kind', 'a', batch),
      loadLink(loaders, 'kind', 'b', batch),
      loadLink(loaders, 'kind', null, batch),
      loadLinks(loaders, 'kind', ['c', 'b', 'a'], batch),
      loadLinks(loaders, 'kind', [], batch),
    ]);
    expect(answers).toEqual([{ id: 'a' }, null, null, [{ id: 'c' }, { id: 'a' }], []]);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('fails a list link when its batch fails', async () => {
    const failing = () => Promise.reject(new Error('database down'));
    await expect(loadLinks(new Loaders(), 'kind', ['a'], failing)).rejects.toThrow('database down');
  });
});
