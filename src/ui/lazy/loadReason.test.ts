import { describe, expect, it } from 'vitest';
import { errorText, failuresReason, loadReason } from './loadReason.ts';

describe('loadReason', () => {
  it('says offline whenever the browser knows it has no network, whatever the message', () => {
    expect(loadReason(new TypeError('Failed to fetch dynamically imported module: http://x/assets/a.js'), false)).toBe('offline');
    expect(loadReason(new Error('boom'), false)).toBe('offline');
  });

  it('recognises a module or chunk that could not be downloaded, in each browser’s words', () => {
    for (const m of [
      'Failed to fetch dynamically imported module: http://127.0.0.1:5341/assets/capture.zh-CN-BZK8C5HC.js',
      'error loading dynamically imported module: http://x/assets/zh-CN-Ik_tBEXA.js',
      'Importing a module script failed.',
      'Failed to load module script: Expected a JavaScript module script but the server responded with a MIME type of "text/html".',
      'Unable to preload CSS for /assets/embed-abc.css',
      'Failed to fetch',
      'Load failed',
      'NetworkError when attempting to fetch resource.',
    ])
      expect(loadReason(new TypeError(m), true), m).toBe('unreachable');
  });

  it('calls anything else unexpected: a bug in a chunk is not a network problem', () => {
    expect(loadReason(new TypeError("Cannot read properties of undefined (reading 'texts')"), true)).toBe('other');
    expect(loadReason(new Error('the scenario could not be started'), true)).toBe('other');
    expect(loadReason({ code: 1 }, true)).toBe('other');
    expect(loadReason(undefined, true)).toBe('other');
  });

  it('keeps the error’s own text for the details', () => {
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorText(new RangeError(''))).toBe('RangeError');
    expect(errorText('plain')).toBe('plain');
  });
});

describe('failuresReason', () => {
  const unreachable = new TypeError('Failed to fetch dynamically imported module: http://x/assets/zh-CN-Ik_tBEXA.js');
  const broken = new Error('knobs part is broken');
  it('names the reason the failures share', () => {
    expect(failuresReason([unreachable, new TypeError('Failed to fetch')], true)).toBe('unreachable');
    expect(failuresReason([broken, new Error('boom')], true)).toBe('other');
    expect(failuresReason([unreachable, broken], false)).toBe('offline');
  });
  it('tells mixed reasons as unexpected (whose advice, reload if it fails again, covers both)', () => {
    expect(failuresReason([unreachable, broken], true)).toBe('other');
  });
});
