import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PacketdrillSyntaxError, parseScript } from './parser.ts';

// Third-party scripts live outside the repository (they may not be copied in),
// so this only runs where that checkout exists.
const ROOT = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));

function pktFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pkt'))
    .map((f) => join(dir, f))
    .sort();
}

const SUITES = [
  { dir: join(ROOT, 'tcp-testsuite'), defines: new Set(['STANDARD']) },
  { dir: join(ROOT, 'packetdrill-linux'), defines: new Set(['Linux']) },
];

describe('third-party conformance scripts', () => {
  it.runIf(existsSync(ROOT))('all parse without syntax errors', () => {
    const failures: string[] = [];
    let files = 0;
    for (const { dir, defines } of SUITES) {
      for (const file of pktFiles(dir)) {
        files++;
        try {
          const script = parseScript(readFileSync(file, 'utf8'), file, defines);
          if (script.events.length === 0) failures.push(`${file}: no events`);
        } catch (e) {
          if (!(e instanceof PacketdrillSyntaxError)) throw e;
          failures.push(e.message);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(files).toBeGreaterThan(0);
  });
});
