// Prints the index's quotes as a W3C Web Annotation collection (JSON-LD).
//   npm run export                      → stdout
//   npm run export -- --out FILE        → FILE
//   npm run export -- --index FILE      → read another index than data/index.json
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serializeAnnotations } from '../utils/export-annotations';
import type { GlossIndex } from '../utils/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: tsx scripts/export-annotations.ts [--index data/index.json] [--out FILE]';

export interface ExportArgs {
  index: string;
  out?: string;
}

export function parseArgs(argv: string[]): ExportArgs {
  const args: ExportArgs = { index: resolve(ROOT, 'data/index.json') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--out' || flag === '--index') && value && !value.startsWith('--')) {
      args[flag === '--out' ? 'out' : 'index'] = resolve(value);
      i++;
    } else {
      throw new Error(`unexpected argument ${JSON.stringify(flag)}\n${USAGE}`);
    }
  }
  return args;
}

/** Returns the exit code; writes to `stdout` when there is no --out. */
export function main(argv: string[], stdout: (text: string) => void = (text) => process.stdout.write(text)): number {
  let args: ExportArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let index: GlossIndex;
  try {
    index = JSON.parse(readFileSync(args.index, 'utf8')) as GlossIndex;
  } catch (error) {
    console.error(`cannot read ${args.index}: ${(error as Error).message} (run npm run index first?)`);
    return 1;
  }
  if (index?.version !== 1 || !Array.isArray(index.quotes) || !Array.isArray(index.sources)) {
    console.error(`${args.index} is not a version-1 Gloss index`);
    return 1;
  }
  const text = serializeAnnotations(index);
  if (args.out) {
    writeFileSync(args.out, text);
    console.error(`wrote ${index.quotes.length} annotations to ${args.out}`);
  } else {
    stdout(text);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
