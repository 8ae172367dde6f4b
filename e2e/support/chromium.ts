// Chromium harness: Debian's Chromium driven by Playwright with the built extension loaded, plus the probes
// the specs use — request tracking, page-mutation recording, and the content script's message contract
// (asked from the extension's service worker with chrome.tabs.sendMessage).
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CardStateResponse, MatchesResponse, QuotesResponse, TabMessage } from '../../utils/messages.ts';
import {
  CHROME_BUILD,
  isLocalUrl,
  mutationRecorder,
  pollCardState,
  pollMatches,
  pollQuotes,
  readBuiltManifest,
  sendFromExtension,
  type MutationData,
  type PollOptions,
  type SendResult,
} from './common.ts';
import { startSinkProxy, type SinkProxy } from './server.ts';

export {
  CHROME_BUILD,
  glossMutationProblems,
  foreignMutations,
  isLocalUrl,
  expectedMentions,
  expectedQuotes,
  verdictsOf,
} from './common.ts';
export type { MutationData } from './common.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Load the extension (default true). false gives the same browser without Gloss, for baselines. */
  extension?: boolean;
  /** Extension directory (default .output/chrome-mv3). Made absolute. */
  extensionPath?: string;
  /** Browser locale (default en-US). */
  locale?: string;
  /** A profile to use and keep (a browser restart); default: a fresh one, removed on close. */
  userDataDir?: string;
}

export interface ChromiumSession {
  context: BrowserContext;
  /** '' when launched without the extension. */
  extensionId: string;
  /** The extension's service worker (looked up again each time: Chromium may restart it). */
  serviceWorker(): Promise<Worker>;
  /**
   * Every destination any part of the browser tried to reach outside loopback, recorded by a refusing
   * proxy: it covers what Playwright's events do not (offscreen documents, the browser process), but it
   * cannot tell who asked, so it includes Chromium's own traffic (autofill, spelling dictionaries...).
   */
  offMachineAttempts(): string[];
  /** offMachineAttempts() minus Chromium's own services (BROWSER_SERVICE_HOSTS). */
  unexplainedOffMachineAttempts(): string[];
  close(): Promise<void>;
}

/**
 * Google service domains Chromium itself talks to (autofill form queries, spelling dictionaries via
 * redirector.gvt1.com, sign-in probes, time and update checks) when it has something to ask, however it is
 * launched. The proxy cannot attribute a request, so these are set aside there. Requests that Playwright
 * attributes to a page, frame or service worker — which is where anything Gloss fetches would appear —
 * are checked without any exception (trackRequests).
 */
export const BROWSER_SERVICE_HOSTS = ['google.com', 'googleapis.com', 'gvt1.com', 'gstatic.com'];

function isBrowserServiceUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return BROWSER_SERVICE_HOSTS.some((domain) => host === domain || host.endsWith('.' + domain));
}

/** Which session a context belongs to, so the helpers below can find its service worker. */
const sessions = new WeakMap<BrowserContext, ChromiumSession>();

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-dev-shm-usage',
  // Chromium's own background traffic, which the refusing proxy would otherwise see (and blame on us):
  // update checks to update.googleapis.com and account probes to accounts.google.com. Port 9 (discard)
  // on loopback: refused at once, never leaves the machine.
  '--component-updater=url-source=http://127.0.0.1:9',
  '--gaia-url=http://127.0.0.1:9',
];

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const withExtension = options.extension ?? true;
  const ext = path.resolve(options.extensionPath ?? CHROME_BUILD);
  if (withExtension) readBuiltManifest(ext); // fails early with "run npm run build" when missing
  const proxy: SinkProxy = await startSinkProxy();
  const keepProfile = options.userDataDir !== undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'gloss-chromium-')));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      locale: options.locale ?? 'en-US',
      viewport: { width: 1280, height: 800 },
      args: [
        ...FLAGS,
        // Everything that is not loopback goes to the refusing proxy (loopback bypasses proxies by default).
        `--proxy-server=${proxy.origin}`,
        ...(withExtension ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
      ],
    });
  } catch (error) {
    await proxy.close();
    if (!keepProfile) await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  let extensionId = '';
  const findWorker = () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (withExtension) {
    const first =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 20_000,
      }));
    extensionId = new URL(first.url()).host;
  }

  const session: ChromiumSession = {
    context,
    extensionId,
    async serviceWorker() {
      if (!withExtension) throw new Error('launched without the extension');
      return (
        findWorker() ??
        (await context.waitForEvent('serviceworker', {
          predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`),
          timeout: 20_000,
        }))
      );
    },
    offMachineAttempts: () => [...proxy.attempts],
    unexplainedOffMachineAttempts: () => proxy.attempts.filter((url) => !isBrowserServiceUrl(url)),
    async close() {
      await context.close().catch(() => undefined);
      await proxy.close();
      if (!keepProfile) await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
  sessions.set(context, session);
  return session;
}

/** Debian Chromium with the built Gloss loaded: `{ context, extensionId, close, ... }`. */
export function launchChromiumWithGloss(options: Omit<LaunchOptions, 'extension'> = {}): Promise<ChromiumSession> {
  return launchChromium({ ...options, extension: true });
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

export interface RequestLog {
  /** Every request URL seen so far: pages, frames, service workers, WebSockets. */
  readonly urls: string[];
  /** The ones that would leave the machine. */
  nonLocal(): string[];
  stop(): void;
}

/** Records every request the context makes (its pages and frames, and its service workers). */
export function trackRequests(context: BrowserContext): RequestLog {
  const urls: string[] = [];
  const onRequest = (request: { url(): string }) => void urls.push(request.url());
  const onWebSocket = (ws: { url(): string }) => void urls.push(ws.url());
  const onPage = (page: Page) => page.on('websocket', onWebSocket);
  context.on('request', onRequest);
  context.on('page', onPage);
  context.pages().forEach(onPage);
  return {
    urls,
    nonLocal: () => urls.filter((u) => !isLocalUrl(u)),
    stop() {
      context.off('request', onRequest);
      context.off('page', onPage);
      for (const page of context.pages()) page.off('websocket', onWebSocket);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Page mutations (see common.ts for how page and Gloss mutations are told apart)
// ---------------------------------------------------------------------------------------------------------

/** Install the recorder in every document the page (or every page of the context) loads from now on. */
export async function recordPageMutations(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(mutationRecorder);
}

/** The records of the page's main document, or of every frame with `allFrames`. */
export async function getPageMutations(page: Page, options: { allFrames?: boolean } = {}): Promise<MutationData[]> {
  const frames = options.allFrames ? page.frames() : [page.mainFrame()];
  const all: MutationData[] = [];
  for (const frame of frames) {
    const records = await frame.evaluate(() => ((window as unknown as { __mutations?: unknown[] }).__mutations ?? null) as unknown);
    if (records === null) throw new Error(`mutation recorder missing in frame ${frame.url()}: call recordPageMutations before goto`);
    all.push(...(records as MutationData[]));
  }
  return all;
}

// ---------------------------------------------------------------------------------------------------------
// The content script's message contract
// ---------------------------------------------------------------------------------------------------------

/**
 * Send one message to the top frame of the tab showing `page`, from the extension's service worker.
 * The tab is found by URL (the content script's <all_urls> match lets the extension see tab URLs); if the
 * extension cannot see URLs, the page is brought to front and the active tab is used.
 */
export async function sendToTab(context: BrowserContext, page: Page, message: TabMessage): Promise<SendResult> {
  const session = sessions.get(context);
  const sw = session ? await session.serviceWorker() : context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!sw) return { ok: false, error: 'no extension service worker in this context' };
  const first = await sw.evaluate(sendFromExtension, { url: page.url(), message, useActive: false });
  if (first.ok || !first.tabUrlsHidden) return first;
  await page.bringToFront();
  return sw.evaluate(sendFromExtension, { url: page.url(), message, useActive: true });
}

/** The browser's product and full version as it reports them ("Chrome/150.0.7871.100"). */
export async function browserVersion(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return ((await cdp.send('Browser.getVersion')) as { product: string }).product;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** `{ type: 'gloss:matches' }` for the tab showing `page`, polled until complete (see pollMatches). */
export function getMatches(context: BrowserContext, page: Page, options: PollOptions = {}): Promise<MatchesResponse> {
  return pollMatches((message) => sendToTab(context, page, message), page.url(), options);
}

/** `{ type: 'gloss:quotes' }`, polled until complete (see pollQuotes). */
export function getQuotes(context: BrowserContext, page: Page): Promise<QuotesResponse> {
  return pollQuotes((message) => sendToTab(context, page, message), page.url());
}

/** `{ type: 'gloss:card-state' }` → `{ open, entityId?, quoteCount? }` (retried until the content script answers). */
export function getCardState(context: BrowserContext, page: Page, timeoutMs = 10_000): Promise<CardStateResponse> {
  return pollCardState(
    (message) => sendToTab(context, page, message),
    page.url(),
    () => true,
    timeoutMs,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Page probes
// ---------------------------------------------------------------------------------------------------------

/**
 * Scroll the `occurrence`-th occurrence of `text` (inside one text node of the top document) into view and
 * return the centre of its first line box, measured with a Range.
 */
export async function mentionPoint(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        for (let at = value.indexOf(text); at !== -1; at = value.indexOf(text, at + 1)) {
          if (seen++ !== occurrence) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          node.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
          const rect = range.getClientRects()[0];
          if (!rect) return null;
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    },
    { text, occurrence },
  );
  if (!point) throw new Error(`text "${text}" (occurrence ${occurrence}) not found on ${page.url()}`);
  return point;
}

export interface PaintedRange {
  /** The range's text now (a static range is re-measured over its nodes as they are now). */
  text: string;
  /** Both ends are in the document (a range into removed text is stale). */
  connected: boolean;
  collapsed: boolean;
}

/**
 * Every mention range registered in the frame's CSS highlight registry (the page world can read it). The quote
 * check's marks (gloss-quote-*) are not mentions: gloss:quotes reports them.
 */
export async function paintedRanges(frame: Pick<Page, 'evaluate'>): Promise<PaintedRange[]> {
  return frame.evaluate(() => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    const out: { text: string; connected: boolean; collapsed: boolean }[] = [];
    registry?.forEach((highlight, name) => {
      if (name.startsWith('gloss-quote-')) return;
      highlight.forEach((range) => {
        let text = '';
        try {
          const live = document.createRange();
          live.setStart(range.startContainer, range.startOffset);
          live.setEnd(range.endContainer, range.endOffset);
          text = live.toString();
        } catch {
          /* offsets beyond a node that has since changed */
        }
        out.push({
          text,
          connected: range.startContainer.isConnected && range.endContainer.isConnected,
          collapsed: range.collapsed,
        });
      });
    });
    return out;
  });
}

/** The texts of the painted ranges that are still live (connected, not collapsed). */
export async function paintedTexts(frame: Pick<Page, 'evaluate'>): Promise<string[]> {
  return (await paintedRanges(frame)).filter((r) => r.connected && !r.collapsed).map((r) => r.text);
}

export interface GlossRootInfo {
  /** Number of <gloss-root> elements in the top document. */
  count: number;
  /** 'closed' | 'open' | undefined, of the first one's shadow root. */
  shadowRootType?: string;
  /** All text inside the first one's shadow root (read through DevTools, which sees closed roots). */
  shadowText: string;
}

/** Looks inside <gloss-root>'s closed shadow root through the DevTools protocol. */
export async function glossRootInfo(page: Page): Promise<GlossRootInfo> {
  type DomNode = {
    nodeName: string;
    nodeType: number;
    nodeValue?: string;
    children?: DomNode[];
    shadowRoots?: (DomNode & { shadowRootType?: string })[];
  };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const found: DomNode[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName === 'GLOSS-ROOT') found.push(node);
      node.children?.forEach(walk);
      node.shadowRoots?.forEach(walk);
    };
    walk(root);
    const text = (node: DomNode): string =>
      (node.nodeType === 3 ? (node.nodeValue ?? '') : '') + [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(text).join(' ');
    const shadow = found[0]?.shadowRoots?.[0];
    return { count: found.length, shadowRootType: shadow?.shadowRootType, shadowText: shadow ? text(shadow) : '' };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Console errors and uncaught exceptions, tagged with whether they come from the extension. */
export function collectErrors(context: BrowserContext): { all: string[]; fromExtension(): string[] } {
  const all: string[] = [];
  const onPage = (page: Page) => {
    // With the stack: an uncaught error of the content script comes as the page's, and only its stack says whose.
    page.on('pageerror', (error) => all.push(`pageerror ${page.url()}: ${error.message}\n${error.stack ?? ''}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') all.push(`console ${msg.location().url}: ${msg.text()}`);
    });
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return { all, fromExtension: () => all.filter((line) => line.includes('chrome-extension://')) };
}
