/** The packetdrill view's page (`?view=packetdrill`, full or embedded). */
import { SCENARIO_IDS } from '../../scenarios/index.ts';
import { parseUrl } from '../url.ts';
import { PacketdrillView } from './PacketdrillView.tsx';

export function packetdrillRoot() {
  const { state, problems } = parseUrl(location.search, SCENARIO_IDS);
  return <PacketdrillView url={state} problems={problems} />;
}
