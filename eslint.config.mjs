// Lint: typescript-eslint's recommended rules, plus the module boundary rule of docs/architecture.md.
import js from '@eslint/js';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const SRC = path.resolve('src');
const MODULES = path.join(SRC, 'modules');
const PLATFORM = path.join(SRC, 'platform');

/** Where an import of `spec` from `file` lands: a module name and the path inside it, or null. */
function target(file, spec) {
  if (!spec.startsWith('.')) return null;
  const resolved = path.resolve(path.dirname(file), spec);
  if (!resolved.startsWith(MODULES + path.sep)) return null;
  const [module, ...rest] = path.relative(MODULES, resolved).split(path.sep);
  return { module, inner: rest.join('/') };
}

/**
 * A module may import another module only through its `index.ts`; platform code imports no module at
 * all (it has no domain knowledge). The composition root (src/*.ts, src/cli) may also reach a module's
 * `seed/` folder, which loads data without building the Nest module graph.
 */
const boundaries = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      internal: "'{{spec}}' reaches into module '{{module}}': import from '{{module}}/index' instead",
      platform: "platform code must not import the domain module '{{module}}'",
    },
  },
  create(context) {
    const file = context.filename;
    const own = file.startsWith(MODULES + path.sep) ? path.relative(MODULES, file).split(path.sep)[0] : null;
    const inPlatform = file.startsWith(PLATFORM + path.sep);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      const t = target(file, spec);
      if (!t || t.module === own) return;
      if (inPlatform) return context.report({ node, messageId: 'platform', data: { module: t.module } });
      const publicSurface = t.inner === '' || t.inner === 'index';
      const seedFromRoot = own === null && t.inner.startsWith('seed/');
      if (!publicSurface && !seedFromRoot)
        context.report({ node, messageId: 'internal', data: { spec, module: t.module } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      '.data/**',
      '.build-*/**',
      'clients/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { local: { rules: { 'module-boundaries': boundaries } } },
    rules: {
      'local/module-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
