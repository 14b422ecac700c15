// The import rules of design.md, checked: protocol imports nothing of ours; browser code
// (widget, console) never imports the relay; the relay never imports browser code; the
// widget never imports the console. Plus a few rules against swallowed errors.
import tseslint from 'typescript-eslint';

/** @param {string[]} folders @param {string} why */
const forbid = (folders, why) => ({
  patterns: folders.map((folder) => ({ group: [`**/${folder}/**`, `../${folder}`, `../../${folder}`], message: why })),
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'packages/*/dist/**', 'test-results/**', '.data/**', 'examples/**/vendor/**'] },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-debugger': 'error',
      'no-var': 'error',
      'eqeqeq': ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['protocol/**/*.ts'],
    ignores: ['protocol/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(['relay', 'widget', 'console', 'bench', 'e2e', 'examples'], 'protocol/ imports nothing from the other folders'),
      ],
    },
  },
  {
    files: ['widget/**/*.ts'],
    ignores: ['widget/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', forbid(['relay', 'console', 'bench', 'e2e'], 'the widget imports protocol/ only')] },
  },
  {
    files: ['console/**/*.ts'],
    ignores: ['console/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', forbid(['relay', 'bench', 'e2e'], 'the console imports protocol/ and the widget client only')] },
  },
  {
    files: ['relay/**/*.ts'],
    ignores: ['relay/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', forbid(['widget', 'console', 'bench', 'e2e'], 'the relay imports protocol/ only')] },
  },
);
