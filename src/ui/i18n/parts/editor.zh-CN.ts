import type { EditorKey } from './editor.en.ts';

/** The scenario editor's texts, in Chinese (keys exactly those of editor.en.ts). */
export const texts: Record<EditorKey, string> = {
  'editor.intro': '根据屏幕上的内容生成场景：{steps} 个脚本步骤、你手动执行的 {actions} 个操作（带时间）、当前的协议配置与参数覆盖，以及下面的说明。',
  'editor.id': 'ID（短横线连接的小写名）',
  'editor.title': '标题',
  'editor.summary': '简介',
  'editor.delay': '单向时延（秒）',
  'editor.loss': '随机丢包（%）',
  'editor.notes': '说明',
  'editor.noteText': '说明',
  'editor.remove': '删除',
  'editor.addNote': '在 {t} 秒处添加说明',
  'editor.use': '使用此场景',
  'editor.download': '下载 JSON',
  'editor.load': '载入 JSON…',
  'editor.copyLink': '复制链接',
  'editor.copyEmbed': '复制嵌入代码',
  'editor.used': '已从 0 秒开始运行你的场景。',
  'editor.downloaded': '已下载 {file}。',
  'editor.loaded': '已载入 {file}。',
  'editor.linkCopied': '链接已复制。',
  'editor.codeCopied': '嵌入代码已复制（iframe 与自定义元素两种）。',
  'editor.copyFailed': '不允许复制；文本显示在下方。',
};
