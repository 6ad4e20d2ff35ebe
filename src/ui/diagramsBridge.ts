/** The diagrams this app shows (built in ./diagrams), memoized so a clock tick re-renders only what depends on it. */
import { memo } from 'react';
import { SequenceDiagram as SequenceDiagramImpl } from './diagrams/SequenceDiagram.tsx';
import { StateDiagram as StateDiagramImpl } from './diagrams/StateDiagram.tsx';
import { StateInfo as StateInfoImpl } from './diagrams/StateInfo.tsx';

export const StateDiagram = memo(StateDiagramImpl);
export const SequenceDiagram = memo(SequenceDiagramImpl);
export const StateInfo = memo(StateInfoImpl);
