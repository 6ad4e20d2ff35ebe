import { memo, useState } from 'react';
import { checkKnob, KNOB_NAMES, KNOB_SPECS, resolveKnobs } from '../../tcp/knobs.ts';
import type { KnobName, Knobs, Profile } from '../../tcp/knobs.ts';
import { knobHelpKey, useI18n } from '../i18n/index.ts';
import type { Translate } from '../i18n/index.ts';
import { errorText } from '../sim/controller.ts';
import { Panel } from './Panel.tsx';

/** A knob's name that wraps only after an underscore (tcp_keepalive_ / time), never inside a word. */
const breakable = (name: string) => name.split('_').flatMap((part, i, all) => (i < all.length - 1 ? [`${part}_`, <wbr key={i} />] : [part]));

interface Props {
  profile: Profile;
  effective: Knobs;
  /** the scenario's own settings */
  scenarioSet: Readonly<Record<string, number>>;
  overrides: Readonly<Record<string, number>>;
  onChange(next: Record<string, number>): void;
}

export function rangeText(name: KnobName, t: Translate): string {
  const s = KNOB_SPECS[name];
  if (s.unit === 'bool') return t('knobs.bool');
  return `${t('knobs.range', { min: s.min, max: s.max, int: s.integer ? t('knobs.integer') : '' })} ${t(`unit.${s.unit}`)}`;
}

export const KnobsPanel = memo(function KnobsPanel({ profile, effective, scenarioSet, overrides, onChange }: Props) {
  const { t } = useI18n();
  return (
    <Panel id="knobs" title={t('knobs.title')} className="knobs-panel">
      <button type="button" disabled={Object.keys(overrides).length === 0} onClick={() => onChange({})}>
        {t('knobs.resetAll')}
      </button>
      <ul className="knobs">
        {KNOB_NAMES.map((n) => (
          <KnobRow key={`${n}:${profile}:${effective[n]}`} name={n} profile={profile} value={effective[n]} changed={n in overrides} scenarioSet={scenarioSet} overrides={overrides} onChange={onChange} />
        ))}
      </ul>
    </Panel>
  );
});

function KnobRow({ name, profile, value, changed, scenarioSet, overrides, onChange }: { name: KnobName; profile: Profile; value: number; changed: boolean } & Pick<Props, 'scenarioSet' | 'overrides' | 'onChange'>) {
  const { t } = useI18n();
  const spec = KNOB_SPECS[name];
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const id = `knob-${name}`;
  const apply = (raw: string) => {
    try {
      const v = checkKnob(name, raw, name);
      const next = { ...overrides, [name]: v };
      resolveKnobs(profile, { ...scenarioSet, ...next }, 'knobs'); // whole set valid, or nothing applied
      setError(null);
      if (v !== value) onChange(next);
    } catch (e) {
      const msg = errorText(e);
      setError(/exceeds/.test(msg) ? msg : t('knobs.error', { knob: name, value: raw || '∅', range: rangeText(name, t) }));
    }
  };
  const reset = () => {
    const next = { ...overrides };
    delete next[name];
    setError(null);
    onChange(next);
  };
  return (
    <li className={changed ? 'changed' : ''}>
      <label htmlFor={id} className="knob-name">
        <code>{breakable(name)}</code>
        {changed && <span className="tag">{t('knobs.changed')}</span>}
      </label>
      <span className="knob-input">
        {spec.unit === 'bool' ? (
          <input id={id} type="checkbox" aria-describedby={`${id}-help ${id}-def`} checked={value === 1} onChange={(e) => apply(e.target.checked ? '1' : '0')} />
        ) : (
          <input
            id={id}
            type="text"
            inputMode="decimal"
            value={text}
            aria-invalid={error !== null}
            aria-describedby={`${error ? `${id}-err` : `${id}-def`} ${id}-help`}
            onChange={(e) => setText(e.target.value)}
            onBlur={() => text !== String(value) && apply(text)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply(text);
            }}
          />
        )}
        <span className="unit">{t(`unit.${spec.unit}`)}</span>
      </span>
      <span id={`${id}-help`} className="knob-help small" data-testid="knob-help">
        {t(knobHelpKey(name))}
      </span>
      <span id={`${id}-def`} className="muted small knob-def">
        {t('knobs.default', { v: spec.defaults[profile] })}
      </span>
      <button type="button" className="small-btn" disabled={!changed} onClick={reset} aria-label={t('knobs.reset', { knob: name })} title={t('knobs.reset', { knob: name })}>
        ↺
      </button>
      {error && (
        <p id={`${id}-err`} className="error small" role="alert" data-testid="knob-error">
          {error}
        </p>
      )}
    </li>
  );
}
