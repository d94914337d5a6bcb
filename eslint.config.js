// ESLint flat config: typescript-eslint recommendedTypeChecked, no-console, and the layering of STYLE.md
// (core ← contracts ← {orchestrator, agents, generators, store, telemetry} ← tools ← server ← bin).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const SDK = {
  regex: '^@modelcontextprotocol/',
  message: 'The SDK lives at the edges (src/server, src/tools, src/bin).',
};
const layer = (regex, message) => ({ regex, message });
const EDGES = layer('(^|/)src/(tools|server|bin)/|^\\.\\./(tools|server|bin)/', 'Inner layers never import the edges.');
const ENGINES = layer(
  '(^|/)(agents|generators)/|(^|/)src/(orchestrator|store|telemetry)/',
  'Import contracts and core only; siblings come in through deps.',
);

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.workspace/**', 'examples/inputs/**', 'tests/fixtures/**'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/core/**'], rules: restrict(SDK, EDGES, ENGINES, layer('(^|/)contracts/', 'core is the leaf layer.')) },
  { files: ['src/contracts/**'], rules: restrict(SDK, EDGES, ENGINES) },
  {
    files: ['agents/**', 'generators/**', 'src/orchestrator/**', 'src/store/**', 'src/telemetry/**', 'src/model/**'],
    rules: restrict(SDK, EDGES),
  },
  {
    files: ['agents/**'],
    rules: restrict(
      SDK,
      EDGES,
      layer('(^|/)generators/|(^|/)src/(orchestrator|store|telemetry)/', 'Agents import contracts and core only.'),
    ),
  },
  {
    files: ['generators/**'],
    rules: restrict(
      SDK,
      EDGES,
      layer('(^|/)agents/|(^|/)src/(orchestrator|store|telemetry)/', 'Generators import contracts and core only.'),
    ),
  },
  {
    files: ['src/downstream/**'],
    rules: restrict(
      EDGES,
      layer(
        '(^|/)(agents|generators)/|(^|/)src/(orchestrator|store|telemetry|model)/',
        'The downstream layer imports contracts, core, the SDK client and npm packages only.',
      ),
    ),
  },
  {
    files: ['src/tools/**'],
    rules: restrict(layer('(^|/)(server|bin)/', 'Tools never import the server or the CLI.')),
  },
  { files: ['src/server/**'], rules: restrict(layer('(^|/)bin/', 'The server never imports the CLI.')) },
  {
    files: ['tests/**', 'examples/**', 'vitest.config.ts', 'eslint.config.js'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
