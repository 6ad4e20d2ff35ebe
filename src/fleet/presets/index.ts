/** The five presets of DESIGN.md "Fleet", each a story from the field notes. */
import type { FleetConfig } from '../config.ts';
import { parsePreset } from '../validate.ts';
import closeWaitLeak from './close-wait-leak.json' with { type: 'json' };
import finWait2 from './fin-wait-2.json' with { type: 'json' };
import lastAckPileup from './last-ack-pileup.json' with { type: 'json' };
import synFlood from './syn-flood.json' with { type: 'json' };
import timeWaitBackend from './time-wait-backend.json' with { type: 'json' };

export const PRESET_IDS = ['close-wait-leak', 'last-ack-pileup', 'time-wait-backend', 'fin-wait-2', 'syn-flood'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const RAW: Record<PresetId, unknown> = {
  'close-wait-leak': closeWaitLeak,
  'last-ack-pileup': lastAckPileup,
  'time-wait-backend': timeWaitBackend,
  'fin-wait-2': finWait2,
  'syn-flood': synFlood,
};

export const isPresetId = (s: string): s is PresetId => (PRESET_IDS as readonly string[]).includes(s);

/** A preset by id, checked like any preset file (a fresh copy each call). */
export function preset(id: PresetId): FleetConfig {
  return parsePreset(structuredClone(RAW[id]), `preset ${id}`);
}
