import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    rolldownOptions: {
      // the app, and the <tcp-state-sim> custom element as dist/embed.js (a stable name for docs pages)
      input: { index: 'index.html', embed: 'src/embed/element.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // Property and fuzz slices run thousands of inputs; a slow or shared machine must not turn them red.
    testTimeout: 60_000,
  },
});
