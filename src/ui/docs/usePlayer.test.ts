import { describe, expect, it } from 'vitest';
import { nextNoteAfter, noteIndexAt, prevNoteFrom } from './usePlayer.ts';

const notes = [0, 0.1, 2, 2].map((at) => ({ at, text: { en: '', 'zh-CN': '' } }));

describe('notes in force', () => {
  it('is the last note whose time has come', () => {
    expect(noteIndexAt([], 5)).toBe(-1);
    expect(noteIndexAt(notes.slice(1), 0)).toBe(-1);
    expect(noteIndexAt(notes, 0)).toBe(0);
    expect(noteIndexAt(notes, 0.05)).toBe(0);
    expect(noteIndexAt(notes, 0.1)).toBe(1);
    expect(noteIndexAt(notes, 2)).toBe(3);
  });
  it('the next note is the one after the note in force', () => {
    expect(nextNoteAfter(notes, 0)).toBe(1);
    expect(nextNoteAfter(notes, 1)).toBe(2);
    expect(nextNoteAfter(notes, 2)).toBe(-1);
  });
  it('the previous note treats notes at one instant as one stop', () => {
    expect(prevNoteFrom(notes, 0)).toBe(-1);
    expect(prevNoteFrom(notes, 0.05)).toBe(0);
    expect(prevNoteFrom(notes, 0.1)).toBe(0);
    expect(prevNoteFrom(notes, 2)).toBe(1);
    expect(prevNoteFrom(notes, 3)).toBe(3);
  });
});
