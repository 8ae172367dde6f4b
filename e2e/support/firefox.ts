// Firefox harness: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (Playwright cannot
// drive a stock Firefox), with the built extension installed as a temporary add-on under a pinned UUID, so
// its pages live at a known moz-extension://UUID/ origin.
//
// The content script's message contract is asked from an extension page (popup.html): opened in a tab,
// it calls browser.tabs.query + browser.tabs.sendMessage, exactly as the popup itself would. Reaching into
// a moz-extension:// page needs Firefox's --remote-allow-system-access.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { CardStateResponse, MatchesResponse, QuotesResponse, TabMessage } from '../../utils/messages.ts';
import { mentionPoint as chromiumMentionPoint, paintedRanges as chromiumPaintedRanges, type PaintedRange } from './chromium.ts';
import {
  FIREFOX_BUILD,
  isLocalUrl,
  mutationRecorder,
  pollCardState,
  pollMatches,
  pollQuotes,
  readBuiltManifest,
  sendFromExtension,
  sleep,
  type MutationData,
  type PollOptions,
  type SendResult,
} from './common.ts';
import { startSinkProxy } from './server.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The gecko id of the build (browser_specific_settings.gecko.id, from GECKO_ID in wxt.config.ts). */
export function geckoId(buildDir = FIREFOX_BUILD): string {
  const manifest = readBuiltManifest(buildDir) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${buildDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/**
 * Mozilla's service domains, which Firefox itself may contact (remote settings, push, add-on metadata...)
 * however it is configured; the proxy cannot tell who asked, so these are set aside there. Requests of the
 * tested page itself are checked without exception.
 */
export const BROWSER_SERVICE_HOSTS = ['mozilla.com', 'mozilla.net', 'mozilla.org', 'firefox.com', 'mozaws.net'];

function isBrowserServiceUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return BROWSER_SERVICE_HOSTS.some((domain) => host === domain || host.endsWith('.' + domain));
}

export interface FirefoxSession {
  browser: Browser;
  /** The id Firefox reports for the installed add-on (equals the gecko id). */
  extensionId: string;
  /** The pinned moz-extension UUID. */
  uuid: string;
  /** moz-extension://UUID/<path> — e.g. popupUrl('popup.html'). */
  popupUrl(path?: string): string;
  /** Open an extension page in a new tab and wait until its extension APIs are usable. */
  openExtensionPage(path?: string): Promise<Page>;
  /** Navigate `page` to an extension page and wait until `selector` is in it. */
  gotoExtensionPage(page: Page, path: string, selector: string, timeoutMs?: number): Promise<void>;
  /** Every destination Firefox tried to reach outside loopback (recorded by a refusing proxy). */
  offMachineAttempts(): string[];
  /** offMachineAttempts() minus Firefox's own services (BROWSER_SERVICE_HOSTS). */
  unexplainedOffMachineAttempts(): string[];
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  extensionPath?: string;
  /** UUID to pin (default: a fresh random one). */
  uuid?: string;
  /**
   * A profile directory to use and keep, for a browser restart on the same profile (with the same `uuid`);
   * default: a fresh one, removed on close.
   */
  profileDir?: string;
}

export async function launchFirefoxWithGloss(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const ext = path.resolve(options.extensionPath ?? FIREFOX_BUILD);
  const gecko = geckoId(ext);
  const uuid = options.uuid ?? randomUUID();
  const proxy = await startSinkProxy();
  const proxyPort = Number(new URL(proxy.origin).port);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      ...(options.profileDir !== undefined ? { userDataDir: options.profileDir } : {}),
      args: ['--remote-allow-system-access'],
      // Release builds ignore a changed services.settings.server unless this is set.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        // Remote Settings (blocklists etc.): Firefox's own traffic, pointed at a closed loopback port.
        'services.settings.server': 'http://127.0.0.1:9/remote-settings/v1',
        'extensions.webextensions.uuids': JSON.stringify({ [gecko]: uuid }),
        // Everything but loopback goes to the refusing proxy (Firefox never proxies localhost by default).
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxyPort,
        'network.proxy.share_proxy_settings': true,
        'network.proxy.allow_hijacking_localhost': false,
        'intl.locale.requested': 'en-US',
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  let extensionId: string;
  try {
    extensionId = await browser.installExtension(ext);
  } catch (error) {
    await browser.close().catch(() => undefined);
    await proxy.close();
    throw error;
  }
  const popupUrl = (p = 'popup.html') => `moz-extension://${uuid}/${p.replace(/^\/+/, '')}`;

  return {
    browser,
    extensionId,
    uuid,
    popupUrl,
    async openExtensionPage(p = 'popup.html') {
      const page = await browser.newPage();
      await navigateAndWait(
        page,
        popupUrl(p),
        (origin: string) =>
          location.href.startsWith(origin) && typeof (globalThis as { browser?: { tabs?: unknown } }).browser?.tabs === 'object',
        `moz-extension://${uuid}/`,
      );
      return page;
    },
    async gotoExtensionPage(page, p, selector, timeoutMs = 15_000) {
      await navigateAndWait(page, popupUrl(p), (s: string) => document.querySelector(s) !== null, selector, timeoutMs);
    },
    offMachineAttempts: () => [...proxy.attempts],
    unexplainedOffMachineAttempts: () => proxy.attempts.filter((url) => !isBrowserServiceUrl(url)),
    async close() {
      await browser.close().catch(() => undefined);
      await proxy.close();
    },
  };
}

/** Install the page-mutation recorder (see common.ts) in every document this page loads from now on. */
export async function recordPageMutationsFirefox(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(mutationRecorder);
}

export async function getPageMutationsFirefox(page: Page): Promise<MutationData[]> {
  return page.evaluate(() => ((window as unknown as { __mutations?: unknown[] }).__mutations ?? []) as MutationData[]);
}

/** From an extension page, send `message` to the top frame of the tab whose URL is `url`. */
export function sendToTabFirefox(extensionPage: Page, url: string, message: TabMessage): Promise<SendResult> {
  return extensionPage.evaluate(sendFromExtension, { url, message, useActive: false });
}

/** `{ type: 'gloss:matches' }` for the tab showing `page`, polled from `extensionPage` until complete (see pollMatches). */
export function getMatchesFirefox(extensionPage: Page, page: Page, options: PollOptions = {}): Promise<MatchesResponse> {
  return pollMatches((message) => sendToTabFirefox(extensionPage, page.url(), message), page.url(), options);
}

/** `{ type: 'gloss:quotes' }` for the tab showing `page`, polled until complete (see pollQuotes). */
export function getQuotesFirefox(extensionPage: Page, page: Page): Promise<QuotesResponse> {
  return pollQuotes((message) => sendToTabFirefox(extensionPage, page.url(), message), page.url());
}

/** `{ type: 'gloss:card-state' }` polled until `until` holds; throws after the timeout with the last answer. */
export function waitForCardStateFirefox(
  extensionPage: Page,
  page: Page,
  until: (state: CardStateResponse) => boolean,
  timeoutMs = 10_000,
): Promise<CardStateResponse> {
  return pollCardState((message) => sendToTabFirefox(extensionPage, page.url(), message), page.url(), until, timeoutMs);
}

// ---------------------------------------------------------------------------------------------------------
// Page probes: the same page-world functions as the Chromium ones (chromium.ts). Both drivers serialise the
// function and its one argument the same way, so they are shared rather than copied; only the type differs.
// ---------------------------------------------------------------------------------------------------------

type PlaywrightPage = Parameters<typeof chromiumMentionPoint>[0];
const asEvaluator = (page: Page) => page as unknown as PlaywrightPage;

/** Every range in the page's CSS highlight registry (the content script registers into the page's). */
export function paintedRangesFirefox(page: Page): Promise<PaintedRange[]> {
  return chromiumPaintedRanges(asEvaluator(page));
}

/** The texts of the live painted ranges (connected, not collapsed). */
export async function paintedTextsFirefox(page: Page): Promise<string[]> {
  return (await paintedRangesFirefox(page)).filter((r) => r.connected && !r.collapsed).map((r) => r.text);
}

/** Scrolls the `occurrence`-th occurrence of `text` into view; the centre of its first line box (from a Range). */
export function mentionPointFirefox(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  return chromiumMentionPoint(asEvaluator(page), text, occurrence);
}

/** `<gloss-root>` elements as the page sees them: how many, and whether their shadow roots are hidden (closed). */
export async function glossRootsFromPage(page: Page): Promise<{ count: number; allClosed: boolean }> {
  return page.evaluate(() => {
    const roots = Array.from(document.querySelectorAll('gloss-root'));
    return { count: roots.length, allClosed: roots.every((root) => root.shadowRoot === null) };
  });
}

/** Records every request URL the page makes from now on (BiDi network events: documents, subresources). */
export function trackPageRequestsFirefox(page: Page): { urls: string[]; nonLocal(): string[] } {
  const urls: string[] = [];
  page.on('request', (request) => void urls.push(request.url()));
  return { urls, nonLocal: () => urls.filter((u) => !isLocalUrl(u)) };
}

/**
 * What is on screen behind `text` (its first occurrence, scrolled into view): the pixel colours of a screenshot
 * of its first line box, most frequent first, as [r, g, b, count]. The PNG is decoded by Firefox itself, in
 * the extension page (createImageBitmap + OffscreenCanvas): no image library, nothing added to any DOM.
 */
export async function colorsBehindText(extensionPage: Page, page: Page, text: string): Promise<[number, number, number, number][]> {
  await mentionPointFirefox(page, text); // scrolls it into view
  const clip = await page.evaluate((text: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.nodeValue ?? '').indexOf(text);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const rect = range.getClientRects()[0];
      return rect ? { x: rect.left, y: rect.top, width: rect.width, height: rect.height } : null;
    }
    return null;
  }, text);
  if (!clip) throw new Error(`text "${text}" not found on ${page.url()}`);
  const png = (await page.screenshot({ clip, encoding: 'base64' })) as string;
  return extensionPage.evaluate(async (png: string) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => [key >> 16, (key >> 8) & 255, key & 255, count] as [number, number, number, number]);
  }, png);
}

/**
 * Polls `predicate` in the page until it returns true; throws after `timeoutMs` with the last error.
 * Puppeteer's waitForFunction builds its predicate with `new Function` inside the page: an extension page's
 * CSP (script-src 'self') forbids that, and Firefox 140 enforces it on the remote agent's calls too (153 does
 * not), so waitForFunction never resolves there. `page.evaluate` is a plain BiDi script.callFunction, which
 * every version runs. A call that lands while the old document is torn down ("unknown error") is retried.
 */
export async function waitUntil<A>(
  page: Page,
  predicate: (arg: A) => boolean,
  arg: A,
  options: { timeoutMs?: number; message?: string } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      if (await page.evaluate(predicate as (a: unknown) => boolean, arg as unknown)) return;
      last = 'predicate false';
    } catch (error) {
      last = `error: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms on ${page.url()}: ${options.message ?? predicate.toString()} — last: ${last}`);
    }
    await sleep(100);
  }
}

/** goto on a moz-extension:// URL never settles under BiDi: start it, then poll the page itself. */
async function navigateAndWait<A>(page: Page, url: string, ready: (arg: A) => boolean, arg: A, timeoutMs = 15_000): Promise<void> {
  page.goto(url).catch(() => undefined);
  await waitUntil(page, ready, arg, { timeoutMs, message: `${url} ready` });
}
