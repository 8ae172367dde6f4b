import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixtureIndex } from '../utils/testing/fixture-index';
import { main, parseArgs } from './export-annotations';

describe('export-annotations CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-export-'));
  const indexPath = join(dir, 'index.json');
  writeFileSync(indexPath, JSON.stringify(fixtureIndex()));

  it('prints the collection to stdout', () => {
    let printed = '';
    expect(main(['--index', indexPath], (text) => (printed += text))).toBe(0);
    const collection = JSON.parse(printed);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(3);
  });

  it('writes to --out', () => {
    const out = join(dir, 'out.jsonld');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(['--index', indexPath, '--out', out], () => {})).toBe(0);
    log.mockRestore();
    expect(JSON.parse(readFileSync(out, 'utf8')).first.items).toHaveLength(3);
  });

  it('fails clearly on bad arguments and missing or foreign files', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => parseArgs(['--out'])).toThrow(/usage/);
    expect(main(['--bogus'])).toBe(2);
    expect(main(['--index', join(dir, 'missing.json')])).toBe(1);
    writeFileSync(join(dir, 'other.json'), '{"hello":1}');
    expect(main(['--index', join(dir, 'other.json')])).toBe(1);
    log.mockRestore();
  });
});
