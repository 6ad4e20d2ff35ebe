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
    // lz-string is a chunk of its own behind src/ui/lz.ts: a static import anywhere else in the
    // pages would put it back into every page's first load (the embed's byte budget)
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/lzCodec.ts', 'src/ui/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'lz-string', message: 'Use lz() / whenLz() from src/ui/lz.ts (or import src/ui/lzCodec.ts from a chunk that packs as it renders).' }] }],
    },
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
