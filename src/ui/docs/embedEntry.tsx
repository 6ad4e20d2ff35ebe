/** The pages of the docs features: the embed's compact layout, and the packetdrill view. */
import { CATALOG_IDS } from '../../scenarios/catalog.ts';
import { parseUrl } from '../url.ts';
import { EmbedApp } from './EmbedApp.tsx';

export function embedRoot() {
  const { state, problems } = parseUrl(location.search, CATALOG_IDS);
  return <EmbedApp url={state} problems={problems} />;
}
