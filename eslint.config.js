import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // plain scripts of static example pages run in the browser
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Layering (DESIGN.md): the protocol and the world know nothing of screens.
    files: ['src/tcp/**/*.ts', 'src/sim/**/*.ts', 'src/pcap/**/*.ts', 'src/fleet/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'd3', 'd3-*', '@xstate/react', '*/ui/*'] }],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'document', 'window'],
    },
  },
);
