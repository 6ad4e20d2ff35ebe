/** The capture panel's texts (download and open a capture), in English: a part of the dictionary of its own, used by the app's capture panel, loaded when the app starts (the embed has no capture panel) (../index.ts `loadTexts`). Every key must exist in capture.zh-CN.ts. */
export const texts = {
  'capture.title': 'Capture (Wireshark)',
  'capture.point': 'Capture at',
  'capture.point.client': 'the client',
  'capture.point.server': 'the server',
  'capture.point.both': 'both (two interfaces)',
  'capture.format': 'Format',
  'capture.bothNeedsPcapng': 'A capture at both peers needs two interfaces: choose pcapng.',
  'capture.download': 'Download capture',
  'capture.downloaded': 'Saved {name}',
  'capture.openHelp': 'Open a pcap or pcapng file (tcpdump, Wireshark) to see the TCP states behind one of its connections.',
  'capture.open': 'Open capture…',
} as const;

export type CaptureKey = keyof typeof texts;
