/** The scenario editor's texts, in English: a part of the dictionary of its own, used by ScenarioEditor, loaded with it (../index.ts `loadTexts`). Every key must exist in editor.zh-CN.ts. */
export const texts = {
  'editor.intro': 'Builds a scenario from what is on screen: its {steps} scripted steps, your {actions} actions taken by hand (with their times), the profile and knob overrides in force, and the notes below.',
  'editor.id': 'Id (kebab-case)',
  'editor.title': 'Title',
  'editor.summary': 'Summary',
  'editor.delay': 'One-way delay (s)',
  'editor.loss': 'Random loss (%)',
  'editor.notes': 'Notes',
  'editor.noteText': 'Note',
  'editor.remove': 'Remove',
  'editor.addNote': 'Add a note at {t} s',
  'editor.use': 'Use this scenario',
  'editor.download': 'Download JSON',
  'editor.load': 'Load JSON…',
  'editor.copyLink': 'Copy link',
  'editor.copyEmbed': 'Copy embed code',
  'editor.used': 'Now running your scenario from 0 s.',
  'editor.downloaded': 'Downloaded {file}.',
  'editor.loaded': 'Loaded {file}.',
  'editor.linkCopied': 'Link copied.',
  'editor.codeCopied': 'Embed code copied (an iframe, and the custom element).',
  'editor.copyFailed': 'Copying was not allowed; the text is shown below.',
} as const;

export type EditorKey = keyof typeof texts;
