import { describe, expect, it } from 'vitest';
import { isTyping, playerKeyOf } from './playerKeys.ts';

/** A keydown as the browser reports it, with only the fields the rules read. */
const key = (k: string, over: { tag?: string; editable?: boolean; mods?: boolean; prevented?: boolean } = {}) =>
  ({
    key: k,
    code: k === ' ' ? 'Space' : k,
    altKey: false,
    ctrlKey: over.mods ?? false,
    metaKey: false,
    defaultPrevented: over.prevented ?? false,
    target: { tagName: over.tag ?? 'BODY', isContentEditable: over.editable ?? false },
  }) as unknown as KeyboardEvent;

describe('player keys', () => {
  it('names the keys a player and a clicker send', () => {
    expect([' ', 'ArrowRight', 'ArrowLeft', 'PageDown', 'PageUp', 'a', 'Enter'].map((k) => playerKeyOf(key(k)))).toEqual(['space', 'right', 'left', 'pageDown', 'pageUp', null, null]);
  });

  it('leaves keys to the reader while typing or with a modifier', () => {
    for (const tag of ['INPUT', 'SELECT', 'TEXTAREA']) expect(playerKeyOf(key('ArrowRight', { tag }))).toBeNull();
    expect(playerKeyOf(key('ArrowRight', { editable: true }))).toBeNull();
    expect(playerKeyOf(key('ArrowRight', { mods: true }))).toBeNull();
    expect(isTyping(key('x', { tag: 'TEXTAREA' }))).toBe(true);
    expect(isTyping(key('x'))).toBe(false);
  });

  it('leaves Space to a focused control and ignores keys already handled', () => {
    for (const tag of ['BUTTON', 'SUMMARY', 'A']) expect(playerKeyOf(key(' ', { tag }))).toBeNull();
    expect(playerKeyOf(key('ArrowRight', { tag: 'BUTTON' }))).toBe('right');
    expect(playerKeyOf(key('PageDown', { prevented: true }))).toBeNull();
  });
});
