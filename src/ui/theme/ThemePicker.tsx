/**
 * The theme switch of a full page (the app's header, the fleet and packetdrill views). Where the
 * header hides its captions to keep one row (app.css), a half-filled circle stands for the word,
 * and the tooltip and the accessible name still say "Theme".
 */
import { THEMES } from '../docs/protocol.ts';
import type { Theme } from '../docs/protocol.ts';
import { useI18n } from '../i18n/index.ts';

export function ThemePicker({ theme, onChange }: { theme: Theme; onChange(t: Theme): void }) {
  const { t } = useI18n();
  return (
    <label className="theme-pick" title={t('theme.label')}>
      <span className="top-label">{t('theme.label')}</span>
      <span className="theme-icon" aria-hidden="true">
        ◐
      </span>
      <select data-testid="theme-picker" value={theme} onChange={(e) => onChange(e.target.value as Theme)}>
        {THEMES.map((th) => (
          <option key={th} value={th}>
            {t(`theme.${th}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
