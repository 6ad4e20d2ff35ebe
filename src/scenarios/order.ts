/**
 * The built-in library's files (without .json), in the order the library is presented: basics
 * first, then failures. Node's loader (index.ts) and the browser's lazy catalog (catalog.ts) both
 * follow this list.
 */
export const LIBRARY_ORDER = [
  'handshake',
  'teardown',
  'server-close',
  'half-close',
  'simultaneous-open',
  'simultaneous-close',
  'lost-syn',
  'lost-fin',
  'lost-final-ack',
  'rst-closed-port',
  'abort',
  'close-wait-leak',
  'fin-wait-2-timeout',
  'time-wait-reuse',
  'keepalive-dead-peer',
] as const;
