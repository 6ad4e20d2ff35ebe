/** The packetdrill view's page (`?view=packetdrill`, full or embedded). */
import { CATALOG_IDS } from '../../scenarios/catalog.ts';
import { parseUrl } from '../url.ts';
import { PacketdrillView } from './PacketdrillView.tsx';

export function packetdrillRoot() {
  const { state, problems } = parseUrl(location.search, CATALOG_IDS);
  return <PacketdrillView url={state} problems={problems} />;
}
