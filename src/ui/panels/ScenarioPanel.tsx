import { memo, useState } from 'react';
import type { Scenario } from '../../scenarios/index.ts';
import type { PlayerStatus } from '../player/playerMachine.ts';
import type { SimControls } from '../sim/useSimulation.ts';
import { useI18n } from '../i18n/index.ts';
import { fmtTime } from '../narrate.ts';
import { formatNow } from '../timeText.ts';

interface Props {
  scenario: Scenario | null;
  /** the note in force (-1: none yet) */
  noteIndex: number;
  status: PlayerStatus;
  lesson: boolean;
  controls: Pick<SimControls, 'next' | 'prev' | 'seek' | 'setLesson'>;
  /** the clock stands at the note's time (then the note says "now", else it gives its own time) */
  atNote?: boolean;
}

/** The scenario's story: title, summary, the note in force, and (lessons) Next/Previous and its beats. */
export const ScenarioPanel = memo(function ScenarioPanel({ scenario, noteIndex, status, lesson, controls, atNote = true }: Props) {
  const { t, lang } = useI18n();
  const notes = scenario?.notes ?? [];
  const note = noteIndex >= 0 ? notes[noteIndex] : undefined;
  const [open, setOpen] = useState(false);
  const waiting = status === 'note';
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
        <div className={`note-box ${waiting ? 'note-box--waiting' : ''}`} data-testid="note" data-at={note.at} data-index={noteIndex}>
          <p className="note" data-testid="scenario-note" aria-live="polite">
            <strong data-testid="note-time">{t(atNote ? 'story.noteNow' : 'story.noteAt', { t: formatNow(note.at) })}</strong>{' '}
            {note.text[lang]}
          </p>
        </div>
      )}
      {notes.length > 0 && (
        <div className="lesson-bar">
          <button type="button" data-testid="note-prev" onClick={controls.prev} disabled={noteIndex < 0}>
            <span aria-hidden="true">←</span> {t('lesson.prev')}
          </button>
          <button type="button" className={waiting ? 'primary' : ''} data-testid="note-next" onClick={controls.next} disabled={status === 'ended'}>
            {t('lesson.next')} <span aria-hidden="true">→</span>
          </button>
          <span className="muted small" aria-live="off">
            {noteIndex >= 0 ? t('lesson.of', { i: noteIndex + 1, n: notes.length }) : ''}
          </span>
          <label className="small lesson-toggle">
            <input type="checkbox" data-testid="lesson-toggle" checked={lesson} onChange={(e) => controls.setLesson(e.target.checked)} /> {t('lesson.toggle')}
          </label>
          <ol className="beats" aria-label={t('lesson.beats')}>
            {notes.map((n, i) => (
              <li key={i}>
                <button
                  type="button"
                  data-testid="beat"
                  data-index={i}
                  aria-current={i === noteIndex ? 'step' : undefined}
                  title={n.text[lang]}
                  aria-label={t('lesson.jumpLabel', { jump: t('lesson.jump', { t: fmtTime(n.at) }), text: n.text[lang] })}
                  onClick={() => controls.seek(n.at)}
                >
                  {fmtTime(n.at)}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
});
