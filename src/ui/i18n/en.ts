import type { FleetKey } from '../fleet/fleetStrings.ts';
import type { PartKey } from './parts.ts';

/**
 * English strings every page may need: the embed's, and what the packetdrill view, the fleet page and
 * start-up share with the app. Every key here must exist in zh-CN.ts (see i18n.test.ts). `{name}`
 * marks a parameter. The texts of panels and views that are not on an embed's first screen (knobs,
 * scenario editor, capture, packetdrill) and of the full app's own UI are parts of their own
 * (parts/, loaded by ../index.ts `loadTexts` with the UI that shows them).
 */
export const en = {
  'app.title': 'TCP state machine simulator',
  'header.free': 'Free play (no script)',
  'header.profile': 'Profile',
  'header.lang': 'Language',
  'header.copy': 'Copy link',
  'header.copied': 'Link copied',
  'header.copyFailed': 'Copy failed; the link is in the address bar',
  'url.alertTitle': 'Some link parameters were not understood',
  'url.bad': 'URL parameter “{param}”: “{value}” is not allowed. Allowed: {allowed}.',
  'url.unknown': 'Unknown URL parameter “{param}”. Known parameters: {allowed}.',
  'error.dismiss': 'Dismiss',
  'peer.Client': 'Client',
  'peer.Server': 'Server',
  'reason.drop-next': 'drop-next rule',
  'reason.loss': 'random loss',
  'reason.partition': 'partition',
  'reason.host-down': 'host down',
  'story.free': 'Free play: make the server Listen, then let the client Connect, and watch the three-way handshake (SYN, SYN,ACK, ACK). Close either side to see the four-way teardown.',
  'diagram.state': 'State diagram',
  'diagram.sequence': 'Sequence diagram',
  'seconds': '{t} s',
  // --- embed (docs sites) ---
  'embed.controls': 'Player',
  'embed.play': 'Play',
  'embed.pause': 'Pause',
  'embed.step': 'Step',
  'embed.nextNote': 'Next note',
  'embed.speed': 'Speed',
  'embed.open': 'Open in full app',
  'embed.openTitle': 'Open this scenario in the full simulator (new tab)',
  'embed.ended': 'The end: nothing else will happen.',
  'embed.status.idle': 'ready',
  'embed.status.playing': 'playing',
  'embed.status.note': 'paused at a note',
  'embed.status.paused': 'paused',
  'embed.status.seeking': 'seeking',
  'embed.status.ended': 'ended',
  'embed.notes': 'note {i} of {n}',
  // --- themes ---
  'theme.label': 'Theme',
  'theme.auto': 'Auto',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'theme.contrast': 'High contrast',
  // --- lazy loading and offline ---
  'lazy.loading': 'Loading…',
  'lazy.failed': 'Could not load {what}: {why}. {advice}',
  'lazy.retry': 'Try again',
  'lazy.offline': 'the network is off',
  'lazy.unreachable': 'its file could not be downloaded (a network or server problem)',
  'lazy.unreachableAll': 'their files could not be downloaded (a network or server problem)',
  'lazy.unexpected': 'something unexpected went wrong',
  'lazy.checkNetwork': 'Check the network connection and try again.',
  'lazy.reloadIfAgain': 'Try again; if it fails again, reload the page.',
  'lazy.details': 'Technical details',
  'lazy.langEn': 'the English texts',
  'lazy.langZh': 'the Chinese texts',
  'lazy.panel': 'this panel',
  'lazy.engine': 'the simulation engine',
  'lazy.boot': 'the simulator',
  'pwa.update': 'A new version of the simulator is available.',
  'pwa.reload': 'Reload to update',
  'pwa.dismiss': 'Close',
  'pwa.offlineReady': 'Everything is stored: the simulator now works offline.',
  'pwa.offlineShort': '✓ Works offline',
  'pwa.updateShort': 'New version',
  // --- fleet story: a drilled-into connection introduced by name ---
  'fleetStory.title': 'Fleet connection #{serial}: the server in {state}',
  'fleetStory.summary': 'One connection of the fleet run (preset: {preset}), told again with both peers. Client {peer}: {client}. Server application: {app}. The fleet found the server side in {state} at {t} s of its run; here that moment is at {at} s.',
  'fleetStory.note': 'This is where the fleet found it: the server side in {state} (fleet time {t} s). Its path on the server, in this view’s time: {path}. The state diagram, the ladder and the log show how it got here.',
} as const;

/** Every text's key: this dictionary's, its parts' (parts.ts) and the fleet page's own (fleet/fleetStrings.ts, in the fleet page's chunk). */
export type MessageKey = keyof typeof en | PartKey | FleetKey;
export type Dict = Record<keyof typeof en, string>;
