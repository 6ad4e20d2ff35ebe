/** Explanation panel for one TCP state: meaning, transitions (from EDGES) and production pitfalls. */
import { useId, useMemo } from 'react';
import type { TcpState } from '../../tcp/states.ts';
import { STATE_ALIASES } from '../../tcp/states.ts';
import { edgeText } from './edgeText.ts';
import { COUNT_COMMANDS, STATE_INFO, edgesOf } from './stateInfo.ts';
import type { Lang } from './strings.ts';
import { s } from './strings.ts';

export interface StateInfoProps {
  state: TcpState;
  lang: Lang;
  onClose(): void;
}

export function StateInfo({ state, lang, onClose }: StateInfoProps) {
  const headingId = useId();
  const info = STATE_INFO[lang][state];
  const { incoming, outgoing } = useMemo(() => edgesOf(state), [state]);
  const alias = STATE_ALIASES[state];
  return (
    <section className="si" aria-labelledby={headingId} data-testid="state-info" data-state={state} lang={lang}>
      <div className="si-head">
        <h2 id={headingId}>{state}</h2>
        <button type="button" className="si-close" onClick={onClose} aria-label={s(lang, 'infoClose')} title={s(lang, 'infoClose')}>
          ×
        </button>
      </div>
      <p className="si-aliases">
        {s(lang, 'infoSpelled')}: RFC <code>{alias.rfc}</code> · netstat <code>{alias.netstat}</code> · ss <code>{alias.ss}</code>
      </p>
      <h3>{s(lang, 'infoMeaning')}</h3>
      <p>{info.meaning}</p>
      <h3>{s(lang, 'infoIn')}</h3>
      <ul data-testid="state-info-in">
        {state === 'CLOSED' && <li>{s(lang, 'infoInitial')}</li>}
        {incoming.map((e) => (
          <li key={`${e.from}${e.to}${e.event}${e.guard}`}>
            {s(lang, 'infoFrom', { state: e.from })}: <code>{edgeText(e, lang)}</code>
          </li>
        ))}
        {incoming.length === 0 && state !== 'CLOSED' && <li>{s(lang, 'infoNone')}</li>}
      </ul>
      <h3>{s(lang, 'infoOut')}</h3>
      <ul data-testid="state-info-out">
        {outgoing.map((e) => (
          <li key={`${e.from}${e.to}${e.event}${e.guard}`}>
            {s(lang, 'infoTo', { state: e.to })}: <code>{edgeText(e, lang)}</code>
          </li>
        ))}
        {outgoing.length === 0 && <li>{s(lang, 'infoNone')}</li>}
      </ul>
      <h3>{s(lang, 'infoProduction')}</h3>
      <ul>
        {info.production.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <h3>{s(lang, 'infoCount')}</h3>
      <pre>
        <code>{COUNT_COMMANDS.netstat}</code>
      </pre>
      <pre>
        <code>{COUNT_COMMANDS.ss}</code>
      </pre>
    </section>
  );
}
