import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryModule } from './libraryPlugin.ts';
import { parseScenarioText } from './validate.ts';

const LIBRARY = resolve(import.meta.dirname, 'library');
const exported = (code: string): unknown => JSON.parse(code.replace(/^export default /, '').replace(/;$/, ''));

describe('the library as the browser gets it (checked at build time)', () => {
  it('emits every library file as its validated scenario', () => {
    const files = readdirSync(LIBRARY).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(LIBRARY, f), 'utf8');
      expect(exported(libraryModule(join(LIBRARY, f)))).toEqual(JSON.parse(JSON.stringify(parseScenarioText(text, f))));
    }
  });

  it('fails on a broken file, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'library-'));
    const good = JSON.parse(readFileSync(join(LIBRARY, 'teardown.json'), 'utf8')) as { steps: { do?: string }[] };
    good.steps[1]!.do = 'conect';
    writeFileSync(join(dir, 'teardown.json'), JSON.stringify(good, null, 2));
    expect(() => libraryModule(join(dir, 'teardown.json'))).toThrow(/src\/scenarios\/library\/teardown\.json.*steps\[1\]\.do/);
  });

  it('fails on a file whose id is not its name, and on text that is not JSON (with line:column)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'library-'));
    writeFileSync(join(dir, 'other.json'), readFileSync(join(LIBRARY, 'teardown.json'), 'utf8'));
    expect(() => libraryModule(join(dir, 'other.json'))).toThrow(/other\.json.*id: "teardown" does not match the file name "other"/);
    writeFileSync(join(dir, 'broken.json'), '{ "id": "broken",\n  "title": }');
    expect(() => libraryModule(join(dir, 'broken.json'))).toThrow(/broken\.json:2:12/);
  });
});
