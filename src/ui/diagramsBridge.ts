/** The diagrams this app shows (built in ./diagrams), memoized so a clock tick re-renders only what depends on it. */
import { memo } from 'react';
import { SequenceDiagram as SequenceDiagramImpl } from './diagrams/SequenceDiagram.tsx';
import { StateDiagram as StateDiagramImpl } from './diagrams/StateDiagram.tsx';
import { lazyPanel } from './lazy/lazyPanel.tsx';

export const StateDiagram = memo(StateDiagramImpl);
export const SequenceDiagram = memo(SequenceDiagramImpl);
/** the state explainer (texts for all 11 states in both languages) is fetched when a state is first clicked */
export const StateInfo = memo(lazyPanel(() => import('./diagrams/StateInfo.tsx').then((m) => m.StateInfo)));
