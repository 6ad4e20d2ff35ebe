// Modules generated at build time by ./firstPicturePlugin.ts.
declare module 'virtual:tcp-edges' {
  export const EDGES: readonly import('../../tcp/machine/edges.ts').DrawnEdgeSource[];
}
declare module 'virtual:first-pictures' {
  const pictures: Readonly<Record<string, import('./firstPicture.ts').FirstPicture>>;
  export default pictures;
}
