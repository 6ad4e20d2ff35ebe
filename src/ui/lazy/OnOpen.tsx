import { useState } from 'react';
import type { ReactNode } from 'react';

/** A <details> whose content is rendered (and its chunk fetched) only once it has been opened. */
export function OnOpen({ summary, className, children }: { summary: ReactNode; className?: string; children: () => ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      {summary}
      {opened && children()}
    </details>
  );
}
