import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Nest injects a provider's constructor arguments from the `design:paramtypes` TypeScript emits for the
 * decorated class itself. A resolver that inherits a constructor with parameters from an undecorated base
 * class and declares none of its own gets nothing injected: its fields then fail only when that resolver
 * happens to run first in a request. Every such class must declare its own constructor.
 */
const MODULES = join(__dirname, '..', '..', 'modules');

function resolverFiles(): string[] {
  return readdirSync(MODULES).flatMap((m) => {
    const dir = join(MODULES, m, 'graphql');
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.resolver.ts'))
        .map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
}

function inheritsParameters(cls: abstract new (...args: never[]) => unknown): boolean {
  for (let c = Object.getPrototypeOf(cls); c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if ((c as { length: number }).length > 0) return true;
  }
  return false;
}

describe('resolver constructor injection', () => {
  it.each(resolverFiles())('%s: every resolver inheriting constructor parameters declares its own', (file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    const missing = Object.entries(exported)
      .filter(([, v]) => typeof v === 'function' && /^class\s/.test(Function.prototype.toString.call(v)))
      .filter(([, cls]) => inheritsParameters(cls as abstract new () => unknown))
      .filter(([, cls]) => !Reflect.getOwnMetadata('design:paramtypes', cls as object))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
});
