import type { ReactNode } from 'react';

/**
 * News that arrives while the reader works (a chunk that could not be fetched, a simulation
 * error): a stack over the page's bottom edge, outside its flow. An alert inserted above the
 * diagrams pushed everything down, Play from under a pointer on its way to it included.
 */
export function Notices({ children, top = false }: { children: ReactNode; top?: boolean }) {
  // `top`: an embed, whose controls are along its bottom edge
  return (
    <div className={top ? 'notices notices--top' : 'notices'} data-testid="notices">
      {children}
    </div>
  );
}
