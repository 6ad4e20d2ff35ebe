/** The diagrams: state diagram, sequence diagram, state explanation. The shell imports './diagrams.css' once. */
export { StateDiagram } from './StateDiagram.tsx';
export type { StateDiagramProps, LastEdge } from './StateDiagram.tsx';
export { SequenceDiagram } from './SequenceDiagram.tsx';
export type { SequenceDiagramProps } from './SequenceDiagram.tsx';
export { StateInfo } from './StateInfo.tsx';
export type { StateInfoProps } from './StateInfo.tsx';
export type { Lang } from './strings.ts';
