/** Every user-facing string of the diagrams, in both languages (same keys). */
export type Lang = 'en' | 'zh-CN';

const en = {
  stateDiagramTitle: 'TCP state diagram',
  stateDiagramDesc: 'The 11 TCP states and the transitions between them. Solid outline: client; dashed outline: server.',
  client: 'client',
  server: 'server',
  stateAria: '{state}{peers}. Show explanation',
  stateAriaPeers: ', current state of {peers}',
  and: ' and ',
  toClosedLegend: '⇢ to CLOSED on RST / abort / retries exhausted (hover for details)',
  toClosedTitle: '{state} → CLOSED',
  legendClient: 'client (solid)',
  legendServer: 'server (dashed)',
  seqTitle: 'Sequence diagram',
  seqDesc: 'Client on the left, server on the right, time flowing down; each arrow is one segment.',
  rtx: 'rtx',
  retransmission: 'retransmission',
  tlp: 'TLP',
  tailLossProbe: 'tail loss probe (TLP)',
  statusInFlight: 'in flight',
  statusDelivered: 'delivered',
  statusDropped: 'dropped',
  droppedBecause: 'dropped: {reason}',
  skipped: '{d} skipped',
  segmentAria: 'Segment {id}, {from} to {to}: {label}, {status}',
  timerTitle: '{timer} timer of {peer}: {remaining} left',
  now: 'now',
  follow: 'Follow latest',
  zoomIn: 'Zoom in (stretch time)',
  zoomOut: 'Zoom out (compress time)',
  noSegments: 'No segments yet.',
  infoMeaning: 'What it means',
  infoIn: 'How it is entered',
  infoOut: 'How it is left',
  infoProduction: 'In production',
  infoCount: 'Count sockets per state',
  infoSpelled: 'Spelled',
  infoClose: 'Close state explanation',
  infoNone: 'none',
  infoInitial: 'initial state',
  infoFrom: 'from {state}',
  infoTo: 'to {state}',
} as const;

export type StringKey = keyof typeof en;

const zh: Record<StringKey, string> = {
  stateDiagramTitle: 'TCP 状态图',
  stateDiagramDesc: 'TCP 的 11 个状态及其间的转换。实线框：客户端；虚线框：服务器端。',
  client: '客户端',
  server: '服务器端',
  stateAria: '{state}{peers}。显示说明',
  stateAriaPeers: '，{peers}的当前状态',
  and: '和',
  toClosedLegend: '⇢ 收到 RST / 中止 / 重试耗尽时转到 CLOSED（悬停查看详情）',
  toClosedTitle: '{state} → CLOSED',
  legendClient: '客户端（实线）',
  legendServer: '服务器端（虚线）',
  seqTitle: '时序图',
  seqDesc: '左侧为客户端，右侧为服务器端，时间自上而下；每个箭头是一个报文段。',
  rtx: '重传',
  retransmission: '重传',
  tlp: 'TLP 探测',
  tailLossProbe: '尾部丢包探测（TLP）',
  statusInFlight: '传输中',
  statusDelivered: '已送达',
  statusDropped: '已丢弃',
  droppedBecause: '已丢弃：{reason}',
  skipped: '略去 {d}',
  segmentAria: '报文段 {id}，{from} 发往 {to}：{label}，{status}',
  timerTitle: '{peer}的 {timer} 定时器：剩余 {remaining}',
  now: '现在',
  follow: '跟随最新',
  zoomIn: '放大（拉长时间轴）',
  zoomOut: '缩小（压缩时间轴）',
  noSegments: '尚无报文段。',
  infoMeaning: '含义',
  infoIn: '如何进入',
  infoOut: '如何离开',
  infoProduction: '生产环境中',
  infoCount: '按状态统计套接字数量',
  infoSpelled: '写法',
  infoClose: '关闭状态说明',
  infoNone: '无',
  infoInitial: '初始状态',
  infoFrom: '来自 {state}',
  infoTo: '转到 {state}',
};

export const STRINGS: Record<Lang, Record<StringKey, string>> = { en, 'zh-CN': zh };

/** Look up a string; `{name}` placeholders are replaced from `vars`. */
export function s(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  const text = STRINGS[lang][key] ?? STRINGS.en[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
