import { memo } from 'react';
import type { CSSProperties, Ref } from 'react';
import type { Translate } from '../i18n/index.ts';
import type { LogLine } from '../narrate.ts';
import { fmtTime, sentence } from '../narrate.ts';

/** One line of the event log: its time and sentence, a button that seeks there. */
export const LogRow = memo(function LogRow({ line, index, t, onSeek, rowRef, style }: { line: LogLine; index: number; t: Translate; onSeek(t: number): void; rowRef?: Ref<HTMLLIElement>; style?: CSSProperties }) {
  return (
    <li data-index={index} ref={rowRef} className={`log-${line.kind} peer-${line.peer}`} style={style}>
      <button type="button" className="log-line" onClick={() => onSeek(line.t)} title={t('log.jump', { t: fmtTime(line.t) })}>
        <time className="log-t">{fmtTime(line.t).padEnd(5)}</time>
        <span className="log-text">{sentence(line, t)}</span>
      </button>
    </li>
  );
});
