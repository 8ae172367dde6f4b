// Bundle sizes of the built extension: what a tab loads (the content script, its stylesheet, the page script it
// imports in Chromium at every start, the extras it imports on the first card) and what the popup loads (its
// HTML, and the scripts and stylesheets it pulls in, followed through static imports).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleEntry {
  name: string;
  files: string[];
  raw: number;
  gzip: number;
}

function sizes(dir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const body = readFileSync(path.join(dir, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Files an HTML page or a script loads, transitively: <script src>, <link href> (stylesheets, modulepreload), `import … from "./x.js"`. */
export function dependencies(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const normal = path.posix.normalize(file).replace(/^\/+/, '');
    if (seen.has(normal) || !existsSync(path.join(dir, normal))) return;
    seen.add(normal);
    const text = readFileSync(path.join(dir, normal), 'utf8');
    const base = path.posix.dirname(normal);
    const refs: string[] = [];
    if (normal.endsWith('.html')) {
      for (const m of text.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)) refs.push(m[1]);
    } else if (normal.endsWith('.js')) {
      for (const m of text.matchAll(/(?:import|from)\s*["']([^"']+\.(?:js|css))["']/g)) refs.push(m[1]);
      for (const m of text.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) refs.push(m[1]);
    }
    for (const ref of refs) {
      if (/^[a-z]+:/i.test(ref)) continue;
      visit(ref.startsWith('/') ? ref : path.posix.join(base, ref));
    }
  };
  visit(entry);
  return [...seen];
}

export function bundleSizes(buildDir: string): BundleEntry[] {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
    action?: { default_popup?: string };
  };
  const content = manifest.content_scripts?.[0];
  const contentJs = content?.js ?? [];
  const contentCss = content?.css ?? [];
  const popup = manifest.action?.default_popup ?? 'popup.html';
  const popupFiles = dependencies(buildDir, popup);
  const entries: BundleEntry[] = [
    { name: 'content script (JS)', files: contentJs, ...sizes(buildDir, contentJs) },
    { name: 'content script (CSS)', files: contentCss, ...sizes(buildDir, contentCss) },
    // Files the content script imports at run time (utils/page/extras.ts), when the build has them.
    ...[
      { name: 'page script (Chromium: imported at every start)', file: 'content-page.js' },
      { name: 'page extras (imported on the first card)', file: 'content-extras.js' },
    ]
      .filter(({ file }) => existsSync(path.join(buildDir, file)))
      .map(({ name, file }) => ({ name, files: [file], ...sizes(buildDir, [file]) })),
    { name: 'popup (HTML + JS + CSS it loads)', files: popupFiles, ...sizes(buildDir, popupFiles) },
  ];
  return entries;
}
