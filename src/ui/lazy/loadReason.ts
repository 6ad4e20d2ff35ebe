/**
 * Why a chunk could not be loaded, as the reader is told it: the browser's own message is
 * technical and in English (Chrome's "Failed to fetch dynamically imported module: http://…"), so
 * the notice names the kind of failure in the reader's language and keeps the message for
 * whoever debugs (LoadFailed.tsx's details).
 */
export type LoadReason = 'offline' | 'unreachable' | 'other';

/**
 * What the browsers say when a module or its preloaded CSS could not be downloaded: Chromium,
 * Firefox, Safari (a module, and fetch's "Load failed"), Vite's preload helper, and a server
 * that answered with something else than the script (an HTML page for a chunk a new deployment removed).
 */
const UNREACHABLE = [
  /failed to fetch dynamically imported module/i,
  /error loading dynamically imported module/i,
  /importing a module script failed/i,
  /failed to load module script/i,
  /unable to preload css/i,
  /^failed to fetch\b/i,
  /^load failed$/i,
  /^networkerror\b/i,
];

/** `online`: navigator.onLine (false only when the browser knows it has no network). */
export function loadReason(error: unknown, online: boolean): LoadReason {
  if (!online) return 'offline';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return UNREACHABLE.some((r) => r.test(message)) ? 'unreachable' : 'other';
}

/**
 * Why several chunks failed, as one notice says it: their common reason; mixed reasons (a download
 * that failed and a chunk that broke) are told as unexpected, whose advice (try again, then reload)
 * also answers the network's part.
 */
export function failuresReason(errors: readonly unknown[], online: boolean): LoadReason {
  const reasons = new Set(errors.map((e) => loadReason(e, online)));
  return reasons.size === 1 ? [...reasons][0]! : 'other';
}

/** The error's own text, for the details (never in the sentence). */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message || error.name : String(error));
