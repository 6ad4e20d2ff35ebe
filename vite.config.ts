import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy: scripts only from the app's own files (no inline
 * script, no eval), no plugins, no form posts. Added at build time only: the dev server injects
 * inline scripts of its own. Frames are allowed from anywhere (documentation sites embed us), so
 * there is no frame-ancestors (a meta tag cannot carry it anyway).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
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
