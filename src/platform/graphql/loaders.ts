import DataLoader from 'dataloader';

/**
 * Per-request DataLoader registry, created with each GraphQL context. A field resolver asks for a loader
 * by name and gets the same instance for the whole request, so N parents cost one batched query.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders batch results to match the keys: one value (or null) per key. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups batch results by key: a (possibly empty) list per key. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * A link field (`EscrowAlert.institution`, `RectificationOrder.task`, …): the object `batch` gives for `id`
 * through the per-request loader `name`, or null when there is no id or `batch` leaves it out (missing, or
 * one the caller may not read). `batch` is one scoped statement for all ids a page asks, so a page costs the
 * same number of statements whatever its size. Every link of one kind must use the same name and batch.
 */
export function loadLink<V extends { id: string }>(
  loaders: Loaders,
  name: string,
  id: string | null | undefined,
  batch: (ids: readonly string[]) => Promise<V[]>,
): Promise<V | null> {
  if (!id) return Promise.resolve(null);
  return linkLoader(loaders, name, batch).load(id);
}

/**
 * A list-of-ids link (`PrepaidRelease.contracts`, …): the objects of `ids` in their order, through the same
 * loader as `loadLink`; ids the batch leaves out (missing, or the caller may not read them) are omitted.
 */
export async function loadLinks<V extends { id: string }>(
  loaders: Loaders,
  name: string,
  ids: readonly string[] | null | undefined,
  batch: (ids: readonly string[]) => Promise<V[]>,
): Promise<V[]> {
  if (!ids || ids.length === 0) return [];
  const found = await linkLoader(loaders, name, batch).loadMany(ids);
  return found
    .filter((v): v is V | null => {
      if (v instanceof Error) throw v;
      return true;
    })
    .filter((v): v is V => v !== null);
}

function linkLoader<V extends { id: string }>(
  loaders: Loaders,
  name: string,
  batch: (ids: readonly string[]) => Promise<V[]>,
) {
  return loaders.get<string, V | null>(name, async (ids) => byKey(ids, await batch(ids), (v) => v.id));
}
