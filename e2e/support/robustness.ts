// Probes for the robustness suite (real-pages, hostile and long-use specs): errors attributed to the
// extension, evaluation in a fresh isolated world (for pages that sabotage their own globals), the page's
// JS heap after a garbage collection, the card's computed styles inside its closed shadow root (DevTools
// sees closed roots), a PNG decoder for screenshot checks, stored settings, and a baseline comparison of
// page mutations for pages that change themselves without the __pageMutation hook.
import type { Frame, Page, Request } from '@playwright/test';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { ChromiumSession } from './chromium.ts';
import { PROJECT_ROOT, isLocalUrl, sleep, type MutationData } from './common.ts';
import { expect, test, type TestFixtures } from './fixtures.ts';

/** The saved third-party pages (../shared/corpus/real-pages), read at test time, never copied into the repo. */
export const CORPUS_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'real-pages');

/**
 * Served with every saved page: the page keeps its inline scripts and styles, but cannot load anything from
 * the live web it was saved from (refused before any request is made). So every request that still leaves
 * loopback during a test is not the page's — the `requests` fixture then fails the test with no exception.
 */
export const OFFLINE_CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:";

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

export interface PageErrors {
  /** Uncaught exceptions (with their stacks) and console errors of the page, in order. */
  readonly all: string[];
  /** The ones whose message, stack or source location is in the extension (Gloss's content script). */
  fromExtension(): string[];
}

/**
 * Errors of one page, including Gloss's content script: Playwright reports an uncaught exception of an
 * isolated world as a `pageerror` of the page, whose message does not name the script, but whose stack does.
 */
export function watchErrors(page: Page, extensionId: string): PageErrors {
  // Pages probe for extensions too (chrome-extension://invalid/ is an ad blocker test): only ours counts.
  const own = `chrome-extension://${extensionId}/`;
  const all: string[] = [];
  page.on('pageerror', (error) => all.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));
  page.on('console', (message) => {
    if (message.type() === 'error') all.push(`console ${message.location().url}: ${message.text()}`);
  });
  return { all, fromExtension: () => all.filter((line) => line.includes(own)) };
}

// ---------------------------------------------------------------------------------------------------------
// DevTools protocol probes
// ---------------------------------------------------------------------------------------------------------

/**
 * Runs `fn(arg)` in a fresh isolated world of the page's main frame (or of `frame`): it sees the page's DOM
 * and the real CSS highlight registry with pristine prototypes, whatever the page did to its own globals.
 */
export async function evaluateIsolated<T, A = undefined>(page: Page, fn: (arg: A) => T | Promise<T>, arg?: A, frame?: Frame): Promise<T> {
  const child = frame && frame !== page.mainFrame() ? frame : null;
  // A cross-origin frame runs in a process (and DevTools target) of its own; a same-origin one does not.
  const cdp = child
    ? await page
        .context()
        .newCDPSession(child)
        .catch(() => page.context().newCDPSession(page))
    : await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
    let frameId = frameTree.frame.id;
    if (child) {
      const found = findFrame(frameTree, child.url(), child.name()) ?? findFrame(frameTree, child.url(), '');
      if (!found) throw new Error(`frame ${child.url()} not in the frame tree`);
      frameId = found;
    }
    // The same world name as recordMutationsIsolated(): the recorder's log is visible here.
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId,
      worldName: PROBE_WORLD,
    })) as { executionContextId: number };
    const result = (await cdp.send('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg ?? null)})`,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (result.exceptionDetails) {
      throw new Error(`isolated evaluation failed: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    }
    return result.result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

interface FrameTree {
  frame: { id: string; url: string; name?: string };
  childFrames?: FrameTree[];
}
function findFrame(tree: FrameTree, url: string, name: string): string | undefined {
  if (tree.frame.url === url && (!name || tree.frame.name === name)) return tree.frame.id;
  for (const child of tree.childFrames ?? []) {
    const found = findFrame(child, url, name);
    if (found) return found;
  }
  return undefined;
}

/** What Gloss's own content-script world of one frame sees: its document's text and what it painted. */
export interface GlossWorld {
  url: string;
  text: string;
  painted: string[];
}

/**
 * Every frame of `page` the browser ran Gloss's content script in, as the browser itself reports it: DevTools
 * lists each execution context, and a content script's is an isolated world whose origin is the extension's.
 * Frames in a process of their own (cross-origin, and sandboxed ones where the browser isolates them) are
 * asked through their own DevTools session. Each world is then read from inside: its text and its paint.
 */
export async function glossWorlds(page: Page, extensionId: string): Promise<GlossWorld[]> {
  const origin = `chrome-extension://${extensionId}`;
  const context = page.context();
  const sessions = [await context.newCDPSession(page)];
  for (const frame of page.frames().slice(1)) {
    // Only a frame in another process has a session of its own; the others are in the page's.
    const own = await context.newCDPSession(frame).catch(() => null);
    if (own) sessions.push(own);
  }
  const worlds: GlossWorld[] = [];
  const read = () => {
    const painted: string[] = [];
    (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.forEach((highlight) =>
      highlight.forEach((range) => {
        if (!range.startContainer.isConnected || range.collapsed) return;
        const copy = document.createRange();
        copy.setStart(range.startContainer, range.startOffset);
        copy.setEnd(range.endContainer, range.endOffset);
        painted.push(copy.toString());
      }),
    );
    return { url: location.href, text: document.body?.textContent ?? '', painted: painted.sort() };
  };
  try {
    for (const cdp of sessions) {
      const ids: number[] = [];
      const onContext = (event: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
        if (event.context.origin === origin && event.context.auxData?.type === 'isolated') ids.push(event.context.id);
      };
      cdp.on('Runtime.executionContextCreated', onContext);
      // Enabling reports every context that exists now, before the call returns.
      await cdp.send('Runtime.enable');
      cdp.off('Runtime.executionContextCreated', onContext);
      for (const contextId of ids) {
        const result = (await cdp.send('Runtime.evaluate', {
          expression: `(${read.toString()})()`,
          contextId,
          returnByValue: true,
        })) as { result: { value?: GlossWorld }; exceptionDetails?: { text: string } };
        if (result.exceptionDetails) throw new Error(`reading Gloss's world failed: ${result.exceptionDetails.text}`);
        if (result.result.value) worlds.push(result.result.value);
      }
      await cdp.send('Runtime.disable');
    }
  } finally {
    for (const cdp of sessions) await cdp.detach().catch(() => undefined);
  }
  return worlds;
}

/**
 * Painted ranges as a fresh isolated world reads the highlight registry: count, live texts, and how many are
 * stale (an end outside the document) or collapsed. Same data as chromium.ts paintedRanges, but immune to a
 * page that replaced CSS.highlights, Range or Node.prototype in its own world.
 */
export async function paintedSummary(
  page: Page,
  frame?: Frame,
): Promise<{ total: number; live: string[]; stale: number; collapsed: number; names: string[] }> {
  return evaluateIsolated(
    page,
    () => {
      const live: string[] = [];
      let total = 0;
      let stale = 0;
      let collapsed = 0;
      const names: string[] = [];
      (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.forEach((highlight, name) => {
        names.push(name);
        highlight.forEach((range) => {
          total++;
          if (!range.startContainer.isConnected || !range.endContainer.isConnected) return void stale++;
          if (range.collapsed) return void collapsed++;
          const copy = document.createRange();
          try {
            copy.setStart(range.startContainer, range.startOffset);
            copy.setEnd(range.endContainer, range.endOffset);
            live.push(copy.toString());
          } catch {
            stale++;
          }
        });
      });
      return { total, live, stale, collapsed, names: names.sort() };
    },
    undefined,
    frame,
  );
}

/** The page's used JS heap (its whole isolate: page world and content scripts) after a full collection. */
export async function jsHeapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    // Twice: the first pass may leave garbage that finalisers of the first free.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
    if (!used) throw new Error('no JSHeapUsedSize metric');
    return used.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The page's DOM node count (documents, nodes, listeners) as DevTools counts them, after a collection. */
export async function domCounters(page: Page): Promise<{ documents: number; nodes: number; jsEventListeners: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface CardProbe {
  /** <gloss-root> elements in the document (closed roots included). */
  roots: number;
  /** The first one's element name, and its shadow root's mode ('closed' expected). */
  hostName?: string;
  shadowRootType?: string;
  /** Computed styles of <gloss-root> and of the .gloss-card element inside its closed shadow root. */
  host: Record<string, string>;
  card: Record<string, string> | null;
  /** The card's border box in CSS pixels of the viewport. */
  box: { x: number; y: number; width: number; height: number } | null;
  /** All text inside the shadow root. */
  text: string;
}

const STYLE_PROPS = [
  'display',
  'visibility',
  'opacity',
  'position',
  'z-index',
  'color',
  'background-color',
  'font-size',
  'font-family',
  'line-height',
  'letter-spacing',
  'filter',
  'transform',
  'clip-path',
  'width',
  'height',
  'text-transform',
  'text-shadow',
  'mix-blend-mode',
  'pointer-events',
  'zoom',
];

/** What DevTools sees of the card: computed styles and box inside the closed shadow root. */
export async function probeCard(page: Page): Promise<CardProbe> {
  type DomNode = {
    nodeId: number;
    nodeName: string;
    nodeType: number;
    nodeValue?: string;
    attributes?: string[];
    children?: DomNode[];
    shadowRoots?: (DomNode & { shadowRootType?: string })[];
  };
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const roots: DomNode[] = [];
    const walk = (node: DomNode, visit: (n: DomNode) => void) => {
      visit(node);
      node.children?.forEach((child) => walk(child, visit));
      node.shadowRoots?.forEach((child) => walk(child, visit));
    };
    // GLOSS-ROOT, or GLOSS-ROOT-<random> on a page that defined a custom element named gloss-root.
    walk(root, (n) => void (/^GLOSS-ROOT(-[a-z0-9]+)?$/i.test(n.nodeName) && roots.push(n)));
    const styles = async (nodeId: number) => {
      const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId })) as {
        computedStyle: { name: string; value: string }[];
      };
      return Object.fromEntries(computedStyle.filter((p) => STYLE_PROPS.includes(p.name)).map((p) => [p.name, p.value]));
    };
    if (roots.length === 0) return { roots: 0, host: {}, card: null, box: null, text: '' };
    const host = await styles(roots[0].nodeId);
    const named = { hostName: roots[0].nodeName, shadowRootType: roots[0].shadowRoots?.[0]?.shadowRootType };
    let cardNode: DomNode | undefined;
    const texts: string[] = [];
    for (const shadow of roots[0].shadowRoots ?? []) {
      walk(shadow, (n) => {
        const cls = n.attributes ? n.attributes[n.attributes.indexOf('class') + 1] : undefined;
        if (!cardNode && n.attributes?.includes('class') && cls?.split(/\s+/).includes('gloss-card')) cardNode = n;
        if (n.nodeType === 3 && n.nodeValue && n.nodeValue.trim()) texts.push(n.nodeValue.trim());
      });
    }
    if (!cardNode) return { roots: roots.length, ...named, host, card: null, box: null, text: texts.join(' ') };
    const card = await styles(cardNode.nodeId);
    let box: CardProbe['box'] = null;
    try {
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: cardNode.nodeId })) as { model: { border: number[] } };
      const xs = [model.border[0], model.border[2], model.border[4], model.border[6]];
      const ys = [model.border[1], model.border[3], model.border[5], model.border[7]];
      box = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    } catch {
      box = null; // not rendered
    }
    return { roots: roots.length, ...named, host, card, box, text: texts.join(' ') };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Screenshots
// ---------------------------------------------------------------------------------------------------------

export interface Bitmap {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/** Decodes the 8-bit, non-interlaced RGB/RGBA PNGs Chromium's screenshots are. */
export function decodePng(png: Buffer): Bitmap {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${body[12]})`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(width * height * 4);
  const previous = new Uint8Array(stride);
  const current = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? current[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      let value = line[i];
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      current[i] = value & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) pixels[(y * width + x) * 4 + k] = current[x * channels + k];
      pixels[(y * width + x) * 4 + 3] = channels === 4 ? current[x * channels + 3] : 255;
    }
    previous.set(current);
  }
  return { width, height, data: pixels };
}

/** Share of pixels whose colour differs by more than `tolerance` in some channel (same-size bitmaps). */
export function differingShare(a: Bitmap, b: Bitmap, tolerance = 48): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if ([0, 1, 2].some((k) => Math.abs(a.data[i + k] - b.data[i + k]) > tolerance)) differing++;
  }
  return differing / (a.width * a.height);
}

/** Share of pixels at least `contrast` darker (by luma) than the bitmap's most common colour: "ink". */
export function inkShare(bitmap: Bitmap, contrast = 96): number {
  const luma = (i: number) => 0.299 * bitmap.data[i] + 0.587 * bitmap.data[i + 1] + 0.114 * bitmap.data[i + 2];
  const counts = new Map<number, number>();
  for (let i = 0; i < bitmap.data.length; i += 4) {
    const key = Math.round(luma(i));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const background = [...counts].sort((x, y) => y[1] - x[1])[0][0];
  let ink = 0;
  for (let i = 0; i < bitmap.data.length; i += 4) if (Math.abs(luma(i) - background) >= contrast) ink++;
  return ink / (bitmap.width * bitmap.height);
}

// ---------------------------------------------------------------------------------------------------------
// Stored settings (the sync item "settings" of utils/settings.ts), written from the service worker
// ---------------------------------------------------------------------------------------------------------

/** Merges `patch` over the stored settings. Pages loaded afterwards start with them; open tabs apply them live. */
export async function patchSettings(session: ChromiumSession, patch: Record<string, unknown>): Promise<void> {
  const sw = await session.serviceWorker();
  await sw.evaluate(async (patch) => {
    const sync = (
      globalThis as unknown as {
        chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
      }
    ).chrome.storage.sync;
    const stored = ((await sync.get('settings')).settings ?? {}) as Record<string, unknown>;
    await sync.set({ settings: { ...stored, ...patch } });
  }, patch);
}

/** Forgets the stored settings: every reader falls back to the defaults. */
export async function resetSettings(session: ChromiumSession): Promise<void> {
  const sw = await session.serviceWorker();
  await sw.evaluate(async () => {
    const sync = (globalThis as unknown as { chrome: { storage: { sync: { remove(k: string): Promise<void> } } } }).chrome.storage.sync;
    await sync.remove('settings');
  });
}

// ---------------------------------------------------------------------------------------------------------
// Page mutations against a baseline
// ---------------------------------------------------------------------------------------------------------

/**
 * The foreign records only (see common.ts: neither the parser's nor marked as the page's, not typing): the
 * full log of a big page is megabytes, and only these can be Gloss's.
 */
export async function foreignPageMutations(target: Pick<Page, 'evaluate'>): Promise<MutationData[]> {
  return (await recordedPageMutations(target)).filter((r) => r.owner === 'other' && !r.inEditable);
}

/** Every record of the page's recorder, the parser's included. */
export async function recordedPageMutations(target: Pick<Page, 'evaluate'>): Promise<MutationData[]> {
  const records = await target.evaluate(() => (window as unknown as { __mutations?: unknown[] }).__mutations ?? null);
  if (records === null) throw new Error('mutation recorder missing: call recordPageMutations before goto');
  return records as MutationData[];
}

const signature = (r: MutationData) => `${r.type} ${r.target} +[${r.added.join(',')}] -[${r.removed.join(',')}] ${r.attributeName ?? ''}`;

/**
 * Foreign mutations (see common.ts) of a run with Gloss that a run of the same page without Gloss does not
 * also show (compared as a multiset of type, target, added, removed, attribute), minus one <gloss-root>
 * insertion: what is left can only be Gloss's. Every record of the run without Gloss counts, the parser's
 * too: a page script that inserts a node just as loading ends is "parser" in one run and foreign in another.
 */
export function mutationsBeyondBaseline(withGloss: MutationData[], baseline: MutationData[]): string[] {
  const counts = new Map<string, number>();
  for (const r of baseline) if (!r.inEditable) counts.set(signature(r), (counts.get(signature(r)) ?? 0) + 1);
  const left: string[] = [];
  let rootSeen = false;
  for (const r of withGloss) {
    if (r.owner !== 'other' || r.inEditable) continue;
    if (!rootSeen && r.type === 'childList' && r.added.length === 1 && r.added[0] === 'GLOSS-ROOT' && r.removed.length === 0) {
      rootSeen = true;
      continue;
    }
    const key = signature(r);
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else left.push(key);
  }
  return left;
}

// ---------------------------------------------------------------------------------------------------------
// Requests of pages served under OFFLINE_CSP
// ---------------------------------------------------------------------------------------------------------

/**
 * Every host a saved page names in a URL (resource hints, frames, scripts, links). Chromium opens connections
 * to some of them on its own (preconnect hints, frames its CSP then refuses): a CONNECT to the refusing
 * proxy without any request that Playwright sees. Those hosts are the page's; Gloss has none of its own.
 */
export function pageHosts(html: string): string[] {
  const hosts = new Set<string>();
  for (const [, host] of html.matchAll(/(?:https?:)?\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi)) {
    hosts.add(host.toLowerCase());
  }
  return [...hosts];
}

/**
 * The `requests` fixture of fixtures.ts, for saved third-party pages served under OFFLINE_CSP. Chromium
 * reports the subresource requests such a page makes even when its CSP refuses them before anything is sent
 * (they fail with "csp"); those are set aside, and so are connections the refusing proxy saw to hosts the
 * pages name (`pageHosts`, see pageHosts()); file: URLs (a saved page's
 * leftovers, refused by Chromium) never leave the machine either. Every other request that would leave
 * loopback fails the test, and so does anything else the proxy saw (minus Chromium's own services).
 */
export function offlinePageTest(pageHostNames: ReadonlySet<string>) {
  return test.extend<TestFixtures>({
    // A plain function: an override keeps the fixture's options (auto).
    requests: async ({ gloss }, use) => {
      const before = gloss.unexplainedOffMachineAttempts().length;
      const seen: Request[] = [];
      const refused = new Set<Request>();
      const onRequest = (request: Request) => void seen.push(request);
      const onFailed = (request: Request) => {
        if (/^csp$|ERR_BLOCKED_BY_CSP/.test(request.failure()?.errorText ?? '')) refused.add(request);
      };
      gloss.context.on('request', onRequest);
      gloss.context.on('requestfailed', onFailed);
      const nonLocal = () =>
        seen.filter((r) => !isLocalUrl(r.url()) && !r.url().startsWith('file:') && !refused.has(r)).map((r) => r.url());
      const log = {
        get urls() {
          return seen.map((r) => r.url());
        },
        nonLocal,
        stop() {
          gloss.context.off('request', onRequest);
          gloss.context.off('requestfailed', onFailed);
        },
      };
      await use(log);
      await sleep(200); // late failure events
      log.stop();
      expect(nonLocal(), 'requests that left loopback (not refused by the page CSP)').toEqual([]);
      const hinted = (attempt: string) => {
        try {
          return pageHostNames.has(new URL(attempt).hostname);
        } catch {
          return false;
        }
      };
      const attempts = gloss.unexplainedOffMachineAttempts().slice(before);
      expect(
        attempts.filter((a) => !hinted(a)),
        'other attempts to reach the network (beyond hosts the pages name)',
      ).toEqual([]);
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Probes for pages that sabotage their own world
// ---------------------------------------------------------------------------------------------------------

const PROBE_WORLD = 'gloss-robustness-probe';

/**
 * A page-mutation recorder in an isolated world of its own (installed through DevTools at document start),
 * for pages whose own world cannot host the usual recorder (they replaced Array.prototype.push, Node getters,
 * MutationObserver...). Records like mutationRecorder() in common.ts, without the __pageMutation hook: every
 * record after parsing is 'other'. Read with isolatedMutations(). Keep the returned session until then.
 */
export async function recordMutationsIsolated(page: Page): Promise<{ detach(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  const source = `(() => {
    if (window.__isoMutations) return;
    const log = [];
    window.__isoMutations = log;
    const describe = (node) => {
      if (!node) return 'null';
      if (node.nodeType === 3) return '#text in ' + describe(node.parentNode);
      if (node.nodeType === 9) return '#document';
      if (node.nodeType === 11) return node.host ? '#shadow-root of ' + describe(node.host) : '#document-fragment';
      if (node.nodeType !== 1) return node.nodeName;
      return node.nodeName + (node.id ? '#' + node.id : '');
    };
    let loadingOverride = false;
    const store = (records) => {
      const loading = loadingOverride || document.readyState === 'loading';
      for (const r of records) {
        const added = Array.from(r.addedNodes, (n) => n.nodeName);
        const parser = loading && r.type !== 'attributes' && r.removedNodes.length === 0 && !added.some((n) => n.startsWith('GLOSS'));
        log.push({ type: r.type, target: describe(r.target), added, removed: Array.from(r.removedNodes, (n) => n.nodeName),
          attributeName: r.attributeName, owner: parser ? 'parser' : 'other', inEditable: false, time: performance.now() });
      }
    };
    const observer = new MutationObserver(store);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    // The parser's last records may still be pending when loading ends (as in common.ts).
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      loadingOverride = true;
      store(observer.takeRecords());
      loadingOverride = false;
    }, { capture: true });
  })();`;
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source, worldName: PROBE_WORLD });
  return { detach: () => cdp.detach().catch(() => undefined) };
}

/** The records of recordMutationsIsolated(). */
export async function isolatedMutations(page: Page): Promise<MutationData[]> {
  const records = await evaluateIsolated(page, () => (window as unknown as { __isoMutations?: unknown[] }).__isoMutations ?? null);
  if (records === null) throw new Error('isolated mutation recorder missing: call recordMutationsIsolated before goto');
  return records as MutationData[];
}

/**
 * Runs `expression` in the page's own main world through DevTools (values copied natively): works on a
 * page that broke Promise, JSON or Array in its world, where Playwright's page.evaluate may not.
 */
export async function evaluateMainWorld<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const result = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value?: T };
      exceptionDetails?: { text: string };
    };
    if (result.exceptionDetails) throw new Error(`main-world evaluation failed: ${result.exceptionDetails.text}`);
    return result.result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** mentionPoint() of chromium.ts, measured from an isolated world. */
export async function mentionPointIsolated(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await evaluateIsolated(
    page,
    (text: string) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.nodeValue ?? '').indexOf(text);
        if (at === -1) continue;
        node.parentElement?.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const rect = range.getClientRects()[0];
        return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
      }
      return null;
    },
    text,
  );
  if (!point) throw new Error(`text "${text}" not found on ${page.url()}`);
  return point;
}
