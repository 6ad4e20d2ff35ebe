/**
 * What-if: a sysctl, the application's behaviour or its read timeout, changed at the cursor's
 * instant. The page then runs "after" next to "before"; the curves can only differ from the marker on.
 */
import { useState } from 'react';
import type { Change, FleetConfig } from '../../fleet/config.ts';
import { APP_MODES } from '../../fleet/config.ts';
import { checkKnobChain, FLEET_KNOB_NAMES, resolveFleetKnobs } from '../../fleet/knobs.ts';
import { FleetInputError } from '../../fleet/problems.ts';
import { useI18n } from '../i18n/index.ts';
import { refusalIn } from './fleetProblemsZh.ts';
import type { MessageKey } from '../i18n/index.ts';

type Kind = 'knob' | 'app' | 'read_timeout';

export function describeChange(c: Change): string {
  const parts: string[] = [];
  if (c.set) parts.push(...Object.entries(c.set).map(([k, v]) => `${k}=${v}`));
  if (c.mix?.app) parts.push(`app=${Object.keys(c.mix.app).join('+')}`);
  if (c.server?.read_timeout !== undefined) parts.push(`read_timeout=${c.server.read_timeout}`);
  if (c.rate !== undefined) parts.push(`rate=${c.rate}`);
  return parts.join(', ');
}

/** `base`: the preset the what-ifs go on top of (its knobs and its own changes) */
export function WhatIf({ base, at, changes, onChange }: { base: FleetConfig; at: number; changes: readonly Change[]; onChange: (c: Change[]) => void }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<Kind>('knob');
  const [knob, setKnob] = useState('tcp_fin_timeout');
  const [value, setValue] = useState('30');
  const [mode, setMode] = useState<string>('wait-close');
  // what was refused, kept as thrown so a switch of language re-words it
  const [refused, setError] = useState<{ e: unknown } | null>(null);
  const error = refused ? t('fleet.whatifError', { detail: refusalIn(refused.e, lang) }) : null;

  const add = () => {
    try {
      let c: Change;
      if (kind === 'knob') {
        resolveFleetKnobs({ [knob]: value }, 'what-if');
        c = { at, set: { [knob]: value } };
      } else if (kind === 'app') c = { at, mix: { app: { [mode]: 1 } } };
      else {
        const n = Number(value);
        if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 86400) throw new FleetInputError('what-if.read_timeout', { code: 'seconds', min: 0, max: 86400, got: JSON.stringify(value) });
        c = { at, server: { read_timeout: n } };
      }
      const next = [...changes, c].sort((a, b) => a.at - b.at);
      // alone the value may be fine and still clash with a knob set before it (rto_min above an earlier rto_max)
      checkKnobChain(base.set, [...base.changes, ...next], (i) => (i < base.changes.length ? `changes[${i}].set` : 'what-if'));
      setError(null);
      onChange(next);
    } catch (e) {
      setError({ e });
    }
  };

  return (
    <section className="panel fleet-whatif" aria-label={t('fleet.whatif')} data-testid="fleet-whatif">
      <h2>{t('fleet.whatif')}</h2>
      <p className="small muted">{t('fleet.whatifHelp', { t: at })}</p>
      <div className="row">
        <label className="field">
          <span className="field-caption">{t('fleet.whatifKind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="fleet-whatif-kind">
            <option value="knob">{t('fleet.kind.knob')}</option>
            <option value="app">{t('fleet.kind.app')}</option>
            <option value="read_timeout">{t('fleet.kind.readTimeout')}</option>
          </select>
        </label>
        {kind === 'knob' && (
          <label className="field">
            <span className="field-caption">{t('fleet.knob')}</span>
            <select value={knob} onChange={(e) => setKnob(e.target.value)} data-testid="fleet-whatif-knob">
              {FLEET_KNOB_NAMES.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'app' ? (
          <label className="field">
            <span className="field-caption">{t('fleet.kind.app')}</span>
            <select value={mode} onChange={(e) => setMode(e.target.value)}>
              {APP_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`fleet.app.${m}` as MessageKey)} ({m})
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field">
            <span className="field-caption">{t('fleet.value')}</span>
            <input value={value} onChange={(e) => setValue(e.target.value)} size={10} data-testid="fleet-whatif-value" />
          </label>
        )}
        <button type="button" onClick={add} data-testid="fleet-whatif-apply">
          {t('fleet.whatifApply', { t: at })}
        </button>
      </div>
      {kind === 'knob' && knob === 'tcp_tw_recycle' && <p className="small warn">{t('fleet.twRecycle')}</p>}
      {error && (
        <p className="small error" role="alert" data-testid="fleet-whatif-error">
          {error}
        </p>
      )}
      {changes.length > 0 && (
        <ul className="changes">
          {changes.map((c, i) => (
            <li key={`${c.at}-${i}`}>
              <span>
                {t('seconds', { t: c.at })}: {describeChange(c)}
              </span>
              <button type="button" aria-label={t('fleet.remove')} onClick={() => onChange(changes.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
