/**
 * Preset notes name the numbers on the chart: `{CLOSE_WAIT}`, `{fds}`, `{EMFILE}`,
 * `{accept_queue}`, `{timewait}`, `{knob:ulimit_n}`, `{t}` … are filled from the sample at the note's time,
 * so the text always agrees with what is drawn.
 */
import { isTcpState } from '../tcp/states.ts';
import type { Sample } from './sample.ts';

export function fillNote(text: string, s: Sample, knobs: Record<string, number | string>, lang: 'en' | 'zh-CN' = 'en'): string {
  const fmt = (n: number) => n.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US');
  return text.replace(/\{([A-Za-z_:0-9]+)\}/g, (whole, key: string) => {
    if (key.startsWith('knob:')) {
      const v = knobs[key.slice(5)];
      return v === undefined ? whole : typeof v === 'number' ? fmt(v) : v;
    }
    if (isTcpState(key)) return fmt(s.states[key]);
    switch (key) {
      case 't':
        return fmt(s.t);
      case 'fds':
        return fmt(s.fds);
      case 'orphans':
        return fmt(s.orphans);
      case 'timewait':
        // sockstat's tw, what `ss -s` calls timewait: TIME_WAIT and orphans' FIN_WAIT_2 alike
        return fmt(s.sockstat.tw);
      case 'accept_queue':
        return fmt(s.queues.accept);
      case 'syn_queue':
        return fmt(s.queues.syn);
    }
    if (key in s.errors) return fmt(s.errors[key as keyof Sample['errors']]);
    if (key in s.counters) return fmt(s.counters[key as keyof Sample['counters']]);
    return whole;
  });
}

/** Placeholders a note may use that fillNote does not know (a preset test checks none are left). */
export function unknownPlaceholders(text: string, s: Sample, knobs: Record<string, number | string>): string[] {
  const filled = fillNote(text, s, knobs);
  return [...filled.matchAll(/\{[A-Za-z_:0-9]+\}/g)].map((m) => m[0]);
}
