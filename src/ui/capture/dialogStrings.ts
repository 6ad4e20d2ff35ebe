/**
 * The capture dialog's own texts, in both languages. The dialog is loaded on demand, so its words
 * ride in its chunk rather than in every page's dictionary (the embed's first load carries neither).
 */
import { fill } from '../i18n/index.ts';
import type { Lang } from '../i18n/index.ts';

const EN = {
  'capture.replayTitle': 'Capture {file}: replayed through the state machine',
  'capture.close': 'Close',
  'capture.stream': 'TCP stream',
  'capture.profile': 'profile {profile}',
  'capture.start': 'first packet at {when}',
  'capture.time': 'Time since the first packet: {t} s',
  'capture.flagged': 'Segments the model disagrees with: {n}',
  'capture.noFlags': 'None: every segment is what the model would have sent and accepted.',
  'capture.flagAt': 'packet {id} at {t} s:',
  'capture.why.notSent': 'the {peer} model in {state} would not send {seg}',
  'capture.why.wouldSend': '; it would send {segs}',
  'capture.why.or': ' or ',
  'capture.why.drop': '{peer}: the model in {state} discards it ({detail})',
  'capture.why.ack': '{peer}: the model in {state} rejects it and answers with an ACK ({detail})',
  'capture.why.rst': '{peer}: the model in {state} rejects it and answers with a RST',
  'capture.why.reset': '{peer}: the model in {state} resets the connection on this SYN',
  'capture.why.timeBack': 'packet {n} is stamped {stamp} s, {gap} s before packet {prev} ({prevStamp} s): replayed at packet {prev}’s time',
  'capture.stopped': 'Replay stopped at packet {n}: the models’ timers fired {firings} times in the {gap} s since packet {prev} without reaching it.',
  'captureLadder.now': 'now {t} s',
  'captureStream.one': '{id}: {client} → {server}, 1 packet',
  'captureStream.many': '{id}: {client} → {server}, {n} packets',
  'capturePaths.line': '{peer}: {path}',
};

export type DialogKey = keyof typeof EN;

const ZH: Record<DialogKey, string> = {
  'capture.replayTitle': '抓包文件 {file}：经状态机重放',
  'capture.close': '关闭',
  'capture.stream': 'TCP 流',
  'capture.profile': '协议配置 {profile}',
  'capture.start': '第一个包的时间 {when}',
  'capture.time': '距第一个包的时间：{t} 秒',
  'capture.flagged': '与模型不一致的报文段：{n} 个',
  'capture.noFlags': '没有：每个报文段都是模型会发送、也会接受的。',
  'capture.flagAt': '第 {id} 个包，{t} 秒：',
  'capture.why.notSent': '{peer}的模型处于 {state}，不会发送 {seg}',
  'capture.why.wouldSend': '；它会发送 {segs}',
  'capture.why.or': ' 或 ',
  'capture.why.drop': '{peer}：模型处于 {state}，会丢弃它（{detail}）',
  'capture.why.ack': '{peer}：模型处于 {state}，会拒收它并回一个 ACK（{detail}）',
  'capture.why.rst': '{peer}：模型处于 {state}，会拒收它并回一个 RST',
  'capture.why.reset': '{peer}：模型处于 {state}，收到这个 SYN 会重置连接',
  'capture.why.timeBack': '第 {n} 个包的时间戳为 {stamp} 秒，比第 {prev} 个包（{prevStamp} 秒）早 {gap} 秒：按第 {prev} 个包的时间回放',
  'capture.stopped': '回放停在第 {n} 个包：自第 {prev} 个包起的 {gap} 秒内，模型的定时器已触发 {firings} 次仍未到达该包。',
  'captureLadder.now': '现在 {t} 秒',
  'captureStream.one': '{id}：{client} → {server}，1 个包',
  'captureStream.many': '{id}：{client} → {server}，{n} 个包',
  'capturePaths.line': '{peer}：{path}',
};

/** The dialog's texts in `lang`, parameters filled as the app's translator fills them. */
export const dialogText =
  (lang: Lang) =>
  (key: DialogKey, params?: Record<string, string | number>): string =>
    fill((lang === 'en' ? EN : ZH)[key], params);

/** Both dictionaries, for the tests. */
export const DIALOG_TEXTS = { en: EN as Record<DialogKey, string>, 'zh-CN': ZH };
