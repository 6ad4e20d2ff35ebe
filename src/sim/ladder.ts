/**
 * The readable trace: a ladder a person can follow in a terminal. One line per
 * event: time, who, an arrow for segments (relative seq/ack), state changes
 * and timers.
 */
import type { TraceEvent, TraceSegment } from './types.ts';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const time = (t: number) => t.toFixed(6).replace(/(\.\d{3})\d*$/, '$1').padStart(11);

function segText(s: TraceSegment): string {
  const parts = [`${s.flags.join(',') || '-'}`, `seq=${s.seq}`];
  if (s.flags.includes('ACK')) parts.push(`ack=${s.ack}`);
  parts.push(`len=${s.len}`);
  return parts.join(' ');
}

export function ladderLine(e: TraceEvent): string {
  const left = e.peer === 'client';
  const col = (text: string) => (left ? pad(text, 40) : ' '.repeat(44) + text);
  switch (e.type) {
    case 'send':
      return `${time(e.t)}  ${left ? `client ${pad('', 1)}──${segText(e.seg)}──▶` : ' '.repeat(20) + `◀──${segText(e.seg)}── server`}${e.tlp ? '  (TLP: tail loss probe)' : e.retransmit ? '  (retransmission)' : ''}  #${e.seg.id}`;
    case 'deliver':
      return `${time(e.t)}  ${col(`· ${e.peer} receives #${e.seg.id} ${e.seg.flags.join(',') || '-'}`)}`;
    case 'drop':
      return `${time(e.t)}  ${' '.repeat(18)}✕ #${e.seg.id} ${e.seg.flags.join(',') || '-'} lost (${e.reason})`;
    case 'state':
      return `${time(e.t)}  ${col(`[${e.peer}${e.sock ? `#${e.sock}` : ''}] ${e.from} → ${e.to}  (${e.cause})`)}`;
    case 'timer':
      return `${time(e.t)}  ${col(`⏱ ${e.peer} ${e.timer} ${e.action}${e.due !== undefined ? ` (due ${e.due.toFixed(3)} s)` : ''}`)}`;
    case 'app':
      return `${time(e.t)}  ${col(`${e.peer}: ${e.call}() = ${/^-?\d+$/.test(e.result) ? e.result : `-1 ${e.result}`}`)}`;
  }
}

export function formatLadder(events: readonly TraceEvent[]): string {
  return events.map(ladderLine).join('\n');
}
