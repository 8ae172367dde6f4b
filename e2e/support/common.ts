// Browser-independent helpers shared by the Chromium and Firefox harnesses: paths to the builds, the
// expected mentions of the fixture pages, the page-mutation recorder, the "is this URL local" rule, and the
// content script's message contract as both drivers ask it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardStateResponse, MatchesResponse, PageMatch, QuotesResponse, TabMessage } from '../../utils/messages.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROME_BUILD = path.join(PROJECT_ROOT, '.output', 'chrome-mv3');
export const FIREFOX_BUILD = path.join(PROJECT_ROOT, '.output', 'firefox-mv3');

/** The built manifest, or a clear error telling how to build it. */
export function readBuiltManifest(buildDir: string): Record<string, unknown> {
  const file = path.join(buildDir, 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(`No extension build at ${buildDir}. Run \`npm run build\` (or \`npm test\`, which builds first).`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * e2e/fixtures/expected.json: for each fixture page, the mentions Gloss must report, in document order.
 * A key "page.html#iframe" holds the mentions of that page's same-origin iframe document; a key
 * "page.html#<state>" holds the mentions of another state of a page that changes itself (see the page).
 */
export function expectedMentions(key: string): PageMatch[] {
  const all = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'e2e', 'fixtures', 'expected.json'), 'utf8')) as Record<string, PageMatch[]>;
  const list = all[key];
  if (!list) throw new Error(`e2e/fixtures/expected.json has no entry "${key}"`);
  return list;
}

/** True for URLs that do not leave the machine: loopback HTTP(S)/WS(S), extension pages, data:, blob:, about:. */
export function isLocalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Page mutations
//
// How we tell Gloss's mutations from the page's own (the approach, documented once):
//  * An init script (page world, every frame, document start) observes the document — subtree, childList,
//    attributes, characterData — and every shadow root the page itself attaches, and stores each record as
//    plain data in `window.__mutations`.
//  * Nodes the HTML parser inserts while the document is loading are labelled 'parser'.
//  * Fixture pages that change themselves do so inside `window.__pageMutation(fn)` (falling back to a plain
//    call when the recorder is absent). The recorder takes all pending records synchronously before and
//    after `fn` runs (MutationObserver.takeRecords): the ones after are exactly fn's and are labelled 'page'.
//    JavaScript is single-threaded, so no other code — a content script included — can mutate in between.
//  * Everything else is labelled 'other': attributable to Gloss (or to the test's own typing, which the
//    typing test excludes by `inEditable`). Gloss's closed shadow root lives in the content script's world
//    and is not observed: what happens inside <gloss-root> is Gloss's business.
// A test then asserts that the 'other' records are at most the insertion of one GLOSS-ROOT element.
// For third-party pages that change themselves without the hook, compare against a run without the
// extension instead (launchChromium({ extension: false }) records the same way).
// ---------------------------------------------------------------------------------------------------------

export interface MutationData {
  type: 'childList' | 'attributes' | 'characterData';
  /** e.g. "P#intro.lead", "#text in P#intro", "#shadow-root of DIV#host". */
  target: string;
  added: string[];
  removed: string[];
  attributeName: string | null;
  owner: 'parser' | 'page' | 'other';
  /** Target is inside an input, textarea or contenteditable region (user typing). */
  inEditable: boolean;
  /** performance.now() when recorded. */
  time: number;
}

/**
 * The init script. Self-contained (it is serialised into the page); installs itself once per document.
 * Exposes window.__mutations (MutationData[]) and window.__pageMutation(fn).
 */
export function mutationRecorder(): void {
  type Win = Window & { __mutations?: unknown[]; __pageMutation?: (fn: () => unknown) => unknown };
  const win = window as Win;
  if (win.__mutations) return;
  const log: unknown[] = [];
  win.__mutations = log;

  const describe = (node: Node | null): string => {
    if (!node) return 'null';
    switch (node.nodeType) {
      case Node.TEXT_NODE:
        return '#text in ' + describe(node.parentNode);
      case Node.COMMENT_NODE:
        return '#comment in ' + describe(node.parentNode);
      case Node.DOCUMENT_NODE:
        return '#document';
      case Node.DOCUMENT_FRAGMENT_NODE: {
        const host = (node as ShadowRoot).host;
        return host ? '#shadow-root of ' + describe(host) : '#document-fragment';
      }
      case Node.ELEMENT_NODE: {
        const el = node as Element;
        let text = el.nodeName;
        if (el.id) text += '#' + el.id;
        if (el.classList.length) text += '.' + Array.from(el.classList).join('.');
        return text;
      }
      default:
        return node.nodeName;
    }
  };
  const inEditable = (node: Node): boolean => {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (!el) return false;
    return el.closest('input, textarea, [contenteditable]:not([contenteditable="false"])') !== null;
  };
  const isGlossNode = (node: Node) => node.nodeName.startsWith('GLOSS');

  let loadingOverride = false;
  const classify = (record: MutationRecord, label?: 'page'): string => {
    if (label) return label;
    const loading = loadingOverride || document.readyState === 'loading';
    if (!loading || record.removedNodes.length > 0 || record.type === 'attributes') return 'other';
    if (record.type === 'childList' && Array.from(record.addedNodes).some(isGlossNode)) return 'other';
    return 'parser';
  };
  const store = (records: MutationRecord[], label?: 'page') => {
    for (const record of records) {
      log.push({
        type: record.type,
        target: describe(record.target),
        added: Array.from(record.addedNodes, (n) => n.nodeName),
        removed: Array.from(record.removedNodes, (n) => n.nodeName),
        attributeName: record.attributeName,
        owner: classify(record, label),
        inEditable: inEditable(record.target),
        time: performance.now(),
      });
    }
  };

  const observer = new MutationObserver((records) => store(records));
  const options: MutationObserverInit = { subtree: true, childList: true, attributes: true, characterData: true };
  observer.observe(document, options);

  // Shadow roots the page attaches (open or closed). The content script's attachShadow is its own world's
  // and does not come through here.
  const observed = new WeakSet<ShadowRoot>();
  const observeRoot = (root: ShadowRoot | null) => {
    if (root && !observed.has(root)) {
      observed.add(root);
      observer.observe(root, options);
    }
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attachShadow.call(this, init);
    observeRoot(root);
    return root;
  };

  // The last parser records may still be pending when loading ends: take them as parser records.
  document.addEventListener(
    'readystatechange',
    () => {
      if (document.readyState !== 'interactive') return;
      loadingOverride = true;
      store(observer.takeRecords());
      loadingOverride = false;
      // Declarative shadow roots (<template shadowrootmode>) exist by now.
      for (const el of Array.from(document.querySelectorAll('*'))) observeRoot(el.shadowRoot);
    },
    { capture: true },
  );

  win.__pageMutation = (fn: () => unknown) => {
    store(observer.takeRecords());
    try {
      return fn();
    } finally {
      store(observer.takeRecords(), 'page');
    }
  };
}

/** Records not explained by the parser or the page's own marked changes (and not user typing). */
export function foreignMutations(records: MutationData[]): MutationData[] {
  return records.filter((r) => r.owner === 'other' && !r.inEditable);
}

/**
 * Checks the rule "the only mutation attributable to Gloss is the insertion of one GLOSS-ROOT element".
 * Returns a list of problems (empty when fine). With `requireRoot`, the GLOSS-ROOT insertion must be there.
 */
export function glossMutationProblems(records: MutationData[], requireRoot = false): string[] {
  const foreign = foreignMutations(records);
  const problems: string[] = [];
  const rootInsertions = foreign.filter(
    (r) => r.type === 'childList' && r.removed.length === 0 && r.added.length === 1 && r.added[0] === 'GLOSS-ROOT',
  );
  for (const r of foreign) {
    if (!rootInsertions.includes(r)) problems.push(`unexpected mutation: ${JSON.stringify(r)}`);
  }
  if (rootInsertions.length > 1) problems.push(`GLOSS-ROOT inserted ${rootInsertions.length} times`);
  if (requireRoot && rootInsertions.length === 0) problems.push('GLOSS-ROOT was never inserted');
  return problems;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// The content script's message contract, asked the same way from either browser
// ---------------------------------------------------------------------------------------------------------

export type SendResult = { ok: true; value: unknown } | { ok: false; error: string; tabUrlsHidden?: boolean };

/** What the extension context is asked to do: send `message` to the top frame of the tab showing `url`. */
export interface TabRequest {
  url: string;
  message: TabMessage;
  /** When tab URLs are hidden from the extension, use the active tab (the caller brought the page to front). */
  useActive: boolean;
}

/**
 * Runs inside an extension context (Chromium's service worker, a Firefox extension page), serialised by the
 * driver: finds the tab by URL and sends the message with the extension's own tabs API, exactly as the popup
 * does. Self-contained: it may use nothing from this module.
 */
export async function sendFromExtension({ url, message, useActive }: TabRequest): Promise<SendResult> {
  type Tab = { id?: number; url?: string };
  type TabsApi = {
    query(q: object): Promise<Tab[]>;
    sendMessage(tabId: number, m: unknown, o: { frameId: number }): Promise<unknown>;
  };
  const scope = globalThis as unknown as { browser?: { tabs?: TabsApi }; chrome?: { tabs?: TabsApi } };
  const tabs = scope.browser?.tabs ?? scope.chrome?.tabs;
  if (!tabs) return { ok: false, error: 'no tabs API in this context' };
  try {
    const all = await tabs.query({});
    let tab = all.find((t) => t.url === url);
    if (!tab && all.every((t) => t.url === undefined)) {
      if (!useActive) return { ok: false, error: 'tab URLs not visible', tabUrlsHidden: true };
      tab = (await tabs.query({ active: true, lastFocusedWindow: true }))[0];
    }
    if (!tab || tab.id === undefined) return { ok: false, error: `no tab with url ${url} (tabs: ${all.map((t) => t.url).join(', ')})` };
    return { ok: true, value: await tabs.sendMessage(tab.id, message, { frameId: 0 }) };
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error) };
  }
}

/** A driver's way to send one message to the tab showing a page. */
export type TabSender = (message: TabMessage) => Promise<SendResult>;

export interface PollOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** Keep polling until this holds for a complete answer (default: any complete answer). */
  until?: (response: MatchesResponse) => boolean;
}

/**
 * `{ type: 'gloss:matches' }` → `{ url, complete, matches }`, polled until `complete` is true (and `until`
 * holds). Throws after the timeout with the last answer or the last error ("Receiving end does not exist"
 * means no content script answered in that tab).
 */
export async function pollMatches(send: TabSender, pageUrl: string, options: PollOptions = {}): Promise<MatchesResponse> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    const result = await send({ type: 'gloss:matches' });
    if (result.ok) {
      const response = result.value as MatchesResponse | undefined;
      if (!response || !Array.isArray(response.matches)) last = `malformed answer ${JSON.stringify(response)}`;
      else if (response.complete && (!options.until || options.until(response))) return response;
      else last = `answer ${JSON.stringify(response)}`;
    } else {
      last = `error: ${result.error}`;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for the Gloss content script to answer {type:'gloss:matches'} ` +
          `with a complete result on ${pageUrl} — last: ${last}`,
      );
    }
    await sleep(250);
  }
}

/** The quote check's expected verdicts on quotes.html (e2e/fixtures/quotes.expected.json), in document order. */
export interface ExpectedQuote {
  text: string;
  speakerId?: string;
  verdict: string;
  knownSpeakerId: string;
}
export function expectedQuotes(): ExpectedQuote[] {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'e2e', 'fixtures', 'quotes.expected.json'), 'utf8')) as ExpectedQuote[];
}

/** A `gloss:quotes` answer in the expected file's shape. */
export function verdictsOf(response: QuotesResponse): ExpectedQuote[] {
  return response.quotes.map((quote) => ({
    text: quote.text,
    ...(quote.speakerId ? { speakerId: quote.speakerId } : {}),
    verdict: quote.verdict,
    knownSpeakerId: quote.known.speakerId,
  }));
}

/** `{ type: 'gloss:quotes' }` polled until the answer is complete (every quotation read has its verdict). */
export async function pollQuotes(send: TabSender, pageUrl: string, timeoutMs = 15_000): Promise<QuotesResponse> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    const result = await send({ type: 'gloss:quotes' });
    const response = result.ok ? (result.value as QuotesResponse | undefined) : undefined;
    if (response && Array.isArray(response.quotes) && response.complete) return response;
    last = result.ok ? `answer ${JSON.stringify(result.value)}` : `error: ${result.error}`;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for a complete gloss:quotes answer on ${pageUrl} — last: ${last}`);
    await sleep(250);
  }
}

/** `{ type: 'gloss:card-state' }` polled until the content script answers and `until` holds. */
export async function pollCardState(
  send: TabSender,
  pageUrl: string,
  until: (state: CardStateResponse) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<CardStateResponse> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    const result = await send({ type: 'gloss:card-state' });
    if (result.ok && result.value && typeof (result.value as CardStateResponse).open === 'boolean') {
      const state = result.value as CardStateResponse;
      if (until(state)) return state;
      last = `answer ${JSON.stringify(state)}`;
    } else {
      last = result.ok ? `malformed answer ${JSON.stringify(result.value)}` : `error: ${result.error}`;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the card state on ${pageUrl} — last: ${last}`);
    await sleep(200);
  }
}
