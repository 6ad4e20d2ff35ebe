import { memo, useState } from 'react';
import type { Scenario } from '../../scenarios/index.ts';
import { useI18n } from '../i18n/index.ts';
import { fmtTime } from '../narrate.ts';

/** The note in force at time t: the last one whose `at` has passed. */
export function currentNote(s: Scenario | null, t: number) {
  if (!s) return null;
  let best = null;
  for (const n of s.notes) if (n.at <= t + 1e-9) best = n;
  return best;
}

export const ScenarioPanel = memo(function ScenarioPanel({ scenario, noteIndex }: { scenario: Scenario | null; noteIndex: number }) {
  const { t, lang } = useI18n();
  const note = scenario && noteIndex >= 0 ? scenario.notes[noteIndex] : undefined;
  const [open, setOpen] = useState(false);
  return (
    <section className="panel story" aria-labelledby="story-h">
      <h2 id="story-h">{scenario ? scenario.title[lang] : t('header.free')}</h2>
      <p className={`summary ${open ? 'open' : ''}`} id="story-summary">
        {scenario ? scenario.summary[lang] : t('story.free')}
      </p>
      <button type="button" className="link-btn" aria-expanded={open} aria-controls="story-summary" onClick={() => setOpen(!open)}>
        {open ? t('story.less') : t('story.more')}
      </button>
      {note && (
        <p className="note" data-testid="scenario-note" aria-live="polite">
          <strong>
            {t('story.now')} ({t('seconds', { t: fmtTime(note.at) })}):
          </strong>{' '}
          {note.text[lang]}
        </p>
      )}
    </section>
  );
});
