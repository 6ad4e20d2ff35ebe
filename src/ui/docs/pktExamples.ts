/** Example scripts offered by the packetdrill view: a few of the project's own tests/packetdrill scripts. */
import activeOpen from '../../../tests/packetdrill/common/active-open.pkt?raw';
import passiveOpen from '../../../tests/packetdrill/common/passive-open.pkt?raw';
import activeClose from '../../../tests/packetdrill/common/active-close.pkt?raw';
import simultaneousOpen from '../../../tests/packetdrill/common/simultaneous-open.pkt?raw';
import rstInEstablished from '../../../tests/packetdrill/common/rst-in-established.pkt?raw';
import finWait2Timeout from '../../../tests/packetdrill/linux/fin-wait-2-timeout.pkt?raw';

export interface PktExample {
  name: string;
  text: string;
}

export const PKT_EXAMPLES: readonly PktExample[] = [
  { name: 'common/active-open.pkt', text: activeOpen },
  { name: 'common/passive-open.pkt', text: passiveOpen },
  { name: 'common/active-close.pkt', text: activeClose },
  { name: 'common/simultaneous-open.pkt', text: simultaneousOpen },
  { name: 'common/rst-in-established.pkt', text: rstInEstablished },
  { name: 'linux/fin-wait-2-timeout.pkt', text: finWait2Timeout },
];
