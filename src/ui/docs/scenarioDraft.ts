/**
 * The scenario editor's model (pure): a draft made from the scenario on screen, and the scenario
 * JSON it becomes — the base scenario's steps plus the actions taken by hand at their times, the
 * knob overrides in force, the link, titles and notes in both languages. The result is checked by
 * the library's own validator before anything uses it.
 */
import type { LocalizedText, Scenario, ScenarioNote } from '../../scenarios/index.ts';
import { parseScenario } from '../../scenarios/validate.ts';
import type { Profile } from '../../tcp/knobs.ts';
import type { JournalEntry } from '../sim/controller.ts';

export interface Draft {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  notes: ScenarioNote[];
  delay: number;
  loss: number;
}

const blank = (): LocalizedText => ({ en: '', 'zh-CN': '' });

export function draftFrom(s: Scenario | null): Draft {
  if (!s) {
    const summary = { en: 'A scenario made by hand in the simulator.', 'zh-CN': '在模拟器中手动制作的场景。' };
    return { id: 'my-scenario', title: { en: 'My scenario', 'zh-CN': '我的场景' }, summary, notes: [], delay: 0.05, loss: 0 };
  }
  return {
    id: s.id.startsWith('my-') ? s.id : `my-${s.id}`.slice(0, 64),
    title: { ...s.title },
    summary: { ...s.summary },
    notes: s.notes.map((n) => ({ at: n.at, text: { ...n.text } })),
    delay: s.link?.delay ?? 0.05,
    loss: s.link?.loss ?? 0,
  };
}

/** Add a note at `at` (kept in time order, after the notes already at that instant). */
export function addNote(d: Draft, at: number): Draft {
  const notes = [...d.notes];
  let i = notes.length;
  while (i > 0 && notes[i - 1]!.at > at) i--;
  notes.splice(i, 0, { at: Math.round(at * 1e6) / 1e6, text: blank() });
  return { ...d, notes };
}

export interface Context {
  base: Scenario | null;
  profile: Profile;
  knobs: Readonly<Record<string, number>>;
  journal: readonly JournalEntry[];
}

/** The scenario JSON the draft describes (not yet validated). */
export function scenarioJson(d: Draft, c: Context): Record<string, unknown> {
  const steps: unknown[] = [...(c.base?.steps ?? [])];
  for (const j of c.journal) steps.push({ at: Math.round(j.at * 1e6) / 1e6, ...j.action });
  const set = { ...(c.base?.set ?? {}), ...c.knobs };
  const out: Record<string, unknown> = {
    id: d.id,
    title: d.title,
    summary: d.summary,
    profile: c.profile,
  };
  if (Object.keys(set).length) out.set = set;
  out.link = { ...(c.base?.link ?? {}), delay: d.delay, loss: d.loss };
  if (c.base?.seed !== undefined) out.seed = c.base.seed;
  if (c.base?.until !== undefined) out.until = c.base.until;
  out.steps = steps;
  out.notes = d.notes;
  return out;
}

/** The validated scenario, or the validator's message (naming the field path). */
export function buildScenario(d: Draft, c: Context): { scenario: Scenario } | { error: string } {
  try {
    return { scenario: parseScenario(scenarioJson(d, c), 'editor') };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The two snippets a documentation author pastes: an iframe, and the custom element. */
export function embedCode(appUrl: string, s: string, title: string): string {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const src = `${appUrl}?s=${s}&embed=1`;
  return [
    `<iframe src="${esc(src)}" title="${esc(title)}" width="700" height="450" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    '',
    `<script type="module" src="${esc(new URL('embed.js', appUrl).href)}"></script>`,
    `<tcp-state-sim s="${esc(s)}" lesson></tcp-state-sim>`,
  ].join('\n');
}
