import * as fs from 'node:fs';
import { CONFIG_SECTIONS, CONFIG_VARIABLES, ConfigVariable, loadConfig } from './app-config';
import { CONFIGURATION_DOC, ENV_EXAMPLE, envExampleNames, renderConfigurationDoc } from './config-docs';
import { ConfigError } from './env';

const names = Object.keys(CONFIG_VARIABLES);

describe('docs/configuration.md and .env.example against the variable table', () => {
  it('docs/configuration.md is exactly what `npm run docs:config` generates', () => {
    const committed = fs.existsSync(CONFIGURATION_DOC) ? fs.readFileSync(CONFIGURATION_DOC, 'utf8') : '(missing)';
    // On failure: run `npm run docs:config` and commit docs/configuration.md.
    expect(committed).toBe(renderConfigurationDoc());
  });

  it('documents every variable once, in a known section', () => {
    const doc = renderConfigurationDoc();
    for (const name of names) expect(doc.split(`| \`${name}\` |`)).toHaveLength(2);
    const sections = new Set(CONFIG_SECTIONS.map((s) => s.id));
    for (const spec of Object.values(CONFIG_VARIABLES) as ConfigVariable[])
      expect(sections.has(spec.section)).toBe(true);
  });

  it('every variable in .env.example exists in the table, and every table variable is in .env.example', () => {
    const listed = envExampleNames(fs.readFileSync(ENV_EXAMPLE, 'utf8'));
    expect(listed.filter((n) => !names.includes(n))).toEqual([]);
    expect(names.filter((n) => !listed.includes(n))).toEqual([]);
  });

  it('recognises set and commented-out variables in .env.example, not prose', () => {
    expect(
      envExampleNames('# Comment: PORT is the port\nPORT=3000\n# REDIS_URL=redis://x\n#   JWT_SECRET=\nnot a var\n'),
    ).toEqual(['PORT', 'REDIS_URL', 'JWT_SECRET']);
  });

  it('the documented bounds are the ones enforced: one past each integer bound is refused naming the variable', () => {
    let checked = 0;
    for (const [name, spec] of Object.entries(CONFIG_VARIABLES) as [string, ConfigVariable][]) {
      const m = /^integer (?:(-?\d+)–(-?\d+)|≥ (-?\d+)|≤ (-?\d+))$/.exec(spec.bounds);
      if (!m) continue;
      const min = m[1] ?? m[3];
      const max = m[2] ?? m[4];
      for (const bad of [
        min !== undefined ? Number(min) - 1 : undefined,
        max !== undefined ? Number(max) + 1 : undefined,
      ]) {
        if (bad === undefined) continue;
        expect(() => loadConfig({ [name]: String(bad) })).toThrow(ConfigError);
        expect(() => loadConfig({ [name]: String(bad) })).toThrow(new RegExp(`${name} must be between`));
        checked++;
      }
      const atDefault = Number(spec.defaultText);
      expect(() => loadConfig({ [name]: String(atDefault) })).not.toThrow();
    }
    expect(checked).toBeGreaterThan(60);
  });
});
