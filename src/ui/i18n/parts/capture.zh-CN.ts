import type { CaptureKey } from './capture.en.ts';

/** The capture panel's texts (download and open a capture), in Chinese (keys exactly those of capture.en.ts). */
export const texts: Record<CaptureKey, string> = {
  'capture.title': '抓包（Wireshark）',
  'capture.point': '抓包位置',
  'capture.point.client': '客户端',
  'capture.point.server': '服务器',
  'capture.point.both': '两端（两个接口）',
  'capture.format': '格式',
  'capture.bothNeedsPcapng': '在两端同时抓包需要两个接口：请选择 pcapng。',
  'capture.download': '下载抓包文件',
  'capture.downloaded': '已保存 {name}',
  'capture.openHelp': '打开 pcap 或 pcapng 文件（tcpdump、Wireshark），查看其中某个连接背后的 TCP 状态。',
  'capture.open': '打开抓包文件…',
};
