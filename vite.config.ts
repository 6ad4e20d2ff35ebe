import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { VitePWA } from 'vite-plugin-pwa';
import { libraryScenario } from './src/scenarios/libraryPlugin.ts';

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

/**
 * `file.json?title`: only the `title` field of a JSON file, as a module of its own. The scenario
 * catalog (src/scenarios/catalog.ts) lists every title up front while each scenario's body stays
 * in a chunk that loads when the scenario is opened.
 */
const jsonTitle = (): Plugin => ({
  name: 'json-title',
  enforce: 'pre',
  load(id) {
    if (!id.endsWith('.json?title')) return null;
    const file = id.slice(0, -'?title'.length);
    const { title } = JSON.parse(readFileSync(file, 'utf8')) as { title?: unknown };
    return { code: `export const title = ${JSON.stringify(title ?? null)};`, moduleType: 'js' };
  },
});

/**
 * The installable app and its service worker (src/ui/pwa/register.ts registers it; no inline
 * script). The worker precaches every file of the build: the pages, every lazy chunk (both
 * languages, each scenario, the panels, the fleet worker), the styles, icons and the embed files,
 * so after one visit everything works offline. A new version waits for the reader's "Reload".
 */
const pwa = () =>
  VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    includeAssets: ['favicon.svg'],
    manifest: {
      name: 'TCP state machine simulator',
      short_name: 'TCP states',
      description: 'Interactive TCP state machine simulator: handshake, teardown, TIME_WAIT, retransmission and failure scenarios on a virtual clock.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: '#0072B2',
      background_color: '#ffffff',
      icons: [
        { src: 'pwa-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'pwa-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      // links carry their state in the query (scenario=, lang=, s=, ...): they all open the same page
      ignoreURLParametersMatching: [/.*/],
      navigateFallback: 'index.html',
      // the first worker takes the open page at once, so the first visit itself works offline
      // (an update still waits for the reader's Reload: skipWaiting stays off)
      clientsClaim: true,
      cleanupOutdatedCaches: true,
    },
  });

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), jsonTitle(), libraryScenario(), pwa()],
  base: './',
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    // every browser the app supports has <link rel="modulepreload"> (and ES modules) built in
    modulePreload: { polyfill: false },
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
