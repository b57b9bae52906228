// @ts-check
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * ESLint: the recommended JavaScript rules, typescript-eslint's type-checked rules and the Astro
 * plugin's. Run by `npm run lint` (after `astro sync`, which writes the types of `astro:content`
 * that the type-checked rules need) together with `prettier --check`. Formatting is Prettier's
 * job alone: no rule here is about layout.
 */
export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'data-snapshots/', 'bench/results/', 'test-results/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  astro.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Leaving a key out of a copy with `const { key: _key, ...rest } = value` is the idiom for it.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**', '**/*.test.ts'],
    rules: {
      // Vitest types its asymmetric matchers (`expect.any(String)`, `expect.stringMatching(…)`)
      // as `any`, and they are meant to be placed inside expected objects: every such use would be
      // reported. Other unsafe uses of `any` (member access, calls, returns) stay errors in tests.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.astro'],
    languageOptions: {
      // astro-eslint-parser does not take the project service; it finds the tsconfig itself.
      parserOptions: { projectService: false, project: true, extraFileExtensions: ['.astro'] },
    },
    rules: {
      // The template's `{list.map((x) => <li>…</li>)}` returns markup, which astro-eslint-parser
      // leaves untyped: every such map would be reported. The frontmatter is TypeScript that
      // `astro check` (npm run typecheck) checks in full.
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
