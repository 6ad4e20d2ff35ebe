/**
 * A fleet connection's story on the two-peer ladder. The fleet's links are short (0.05 s one
 * way), so a story's handshake, request, response and close put a dozen segments into its
 * first half second, drawn a few px apart with their labels over each other. As the capture
 * replay does (spreadAxis.ts), every distinct time up to the moment the fleet found the
 * connection gets at least a label's height of drawing after the one before; later times keep
 * their distances. The axis is made once, when the view has reached that moment (a drill link
 * opens there), and kept for the story, so the drawing does not move while the story plays
 * again from its start.
 */
import { useState } from 'react';
import type { Scenario } from '../../scenarios/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { SpreadAxis } from '../capture/spreadAxis.ts';
import { spreadAxis, spreadView } from '../capture/spreadAxis.ts';
import type { Lang } from '../diagrams/strings.ts';
import { s } from '../diagrams/strings.ts';
import { formatNow } from '../timeText.ts';

/** storyScenario's ids: `fleet-<preset>-conn<serial>` */
const STORY_ID = /^fleet-.+-conn\d+$/;

/** The story's instant the fleet found it at, when `scenario` is a fleet story. */
export function storyMoment(scenario: Scenario | null): number | null {
  if (!scenario || !STORY_ID.test(scenario.id) || scenario.notes.length === 0) return null;
  return scenario.notes[0]!.at;
}

/** The ladder's times of `view` up to `until`: segments sent, arriving or dropped, state changes. */
export function storyTimes(view: WorldView, until: number): number[] {
  const out: number[] = [];
  const add = (t: number | undefined) => {
    if (t !== undefined && t <= until + 1e-9) out.push(t);
  };
  for (const s of view.segments) {
    add(s.sentAt);
    add(s.arriveAt);
    add(s.dropAt);
  }
  for (const p of [view.peers.client, view.peers.server]) for (const h of p.history) add(h.t);
  return out;
}

/** The story's spread axis, or null (not a fleet story, or its moment not reached yet). */
export function useStoryAxis(scenario: Scenario | null, view: WorldView): SpreadAxis | null {
  const [kept, setKept] = useState<{ id: string; axis: SpreadAxis } | null>(null);
  const moment = storyMoment(scenario);
  if (moment === null || !scenario) return null;
  if (kept?.id === scenario.id) return kept.axis;
  if (view.now < moment - 1e-9) return null;
  const axis = spreadAxis(storyTimes(view, moment));
  // kept from render to render (React's state from an earlier render): made once per story
  setKept({ id: scenario.id, axis });
  return axis;
}

/** What the ladder draws: the view and its now on the story's axis, the now label in the story's own time. */
export function storyLadder(axis: SpreadAxis | null, view: WorldView, displayTime: number, lang: Lang): { view: WorldView; displayTime: number; nowText: string | undefined } {
  if (!axis) return { view, displayTime, nowText: undefined };
  return { view: spreadView(view, axis), displayTime: axis.map(displayTime), nowText: s(lang, 'nowAt', { t: formatNow(displayTime) }) };
}
