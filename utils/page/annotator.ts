// The page side of Gloss: reads a document's runs, finds mentions with the shared matcher, keeps them as
// StaticRanges (static-ranges.ts) grouped by block, and re-reads only the blocks a mutation touched. It paints
// through a Painter and schedules its work through the caller, so it holds no timers, listeners or globals of
// its own.
import { createScanState, findMentions, prepareSegmenter, wouldPrepareSegmenter, type Matcher, type ScanState } from '../matcher';
import { findPageQuotations, type RunPeople } from '../quotations/page-quotations';
import type { EntityType } from '../types';
import { compareRanges, containsPoint, staticRange } from './static-ranges';
import { blockContaining, runPosition, walkRuns, type TextRun } from './text-runs';

export interface PageMention {
  entityId: string;
  type: EntityType;
  /** Static: a live Range would slow every mutation of the page (static-ranges.ts). */
  range: StaticRange;
  /**
   * Block element the mention was read in: the unit of re-reading. For text with no block around it inside a
   * shadow tree, that shadow root.
   */
  block: Element | ShadowRoot;
}

/** A quotation of the page (speech, not a scare-quoted term), found in the same read as the mentions. */
export interface PageQuote {
  /** The page's text of the quotation, without its marks, as read. */
  text: string;
  /** The person the page gives it to, if it says. */
  speakerId?: string;
  /** The closing mark (where the verdict is painted and hovered). */
  range: StaticRange;
  block: Element | ShadowRoot;
}

export interface Painter {
  add(mention: PageMention): void;
  remove(mention: PageMention): void;
  /** A quotation's text is gone (its block re-read or removed): take off whatever marks it. */
  forgetQuote?(quote: PageQuote): void;
}

export interface AnnotatorOptions {
  root: Document;
  matcher: Matcher;
  painter: Painter;
  /** Gloss's own UI host, never read. */
  ignore?: () => Element | null;
  /** Whether a run's text is read at all ("article only" mode); all runs when absent. */
  acceptRun?: (run: TextRun) => boolean;
  /** Told of every open shadow root a read enters, so that the caller can watch it for changes. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Whether quotations are looked for too (the quote check's setting). */
  readQuotations?: () => boolean;
  /** Lets the caller yield to the page between slices (scheduler.yield, a timeout...). */
  yieldToPage: () => Promise<void>;
  /** Milliseconds of work per slice. */
  sliceMs?: number;
  now?: () => number;
}

// A long run (a 5 MB text node) is scanned in windows so that no single slice is long; the overlap keeps
// every window's boundary and context rules looking at real neighbouring text. Quotations are looked for in
// runs of one window or less: prose paragraphs, not a text node of megabytes.
const WINDOW = 32_768;
const OVERLAP = 512;
// Ranges reach the painter in batches: Chromium rebuilds the markers of every registered highlight range in
// the frame after any highlight changed (about 9 µs a range: 170 ms with 18,000), so adding one range per
// mention across a long read costs frames × ranges. The first batch goes at once; later ones wait until
// they would at least double what is painted and half a second has passed; the rest at the end of the
// read. A read of N mentions then costs a few rebuilds, not one per frame (see BENCHMARKS.md).
const FIRST_PAINT_BATCH = 64;
const PAINT_INTERVAL_MS = 500;

export interface Annotator {
  /** Reads the whole document afresh; resolves when done (or stopped). */
  scanAll(): Promise<void>;
  /** Re-reads the blocks around these nodes (mutation targets), and drops mentions of removed text. */
  rescan(nodes: Iterable<Node>): Promise<void>;
  /** True when no reading is pending or under way. */
  readonly complete: boolean;
  /** Every mention, in document order. */
  mentions(): PageMention[];
  /** The mention covering this caret position, if any. */
  mentionAt(node: Node, offset: number): PageMention | undefined;
  /** Every quotation, in document order. */
  quotations(): PageQuote[];
  /** The quotations read since the last call (in reading order): what still needs a verdict. */
  takeNewQuotations(): PageQuote[];
  /**
   * Forgets at once the mentions and quotations in a text node whose text changed (but those that end within
   * what it kept of `oldText` from its start): their static ranges no longer say where they are
   * (static-ranges.ts), and must not be painted or hovered until the block is re-read (rescan), which finds
   * whatever is there now. Returns the mentions forgotten.
   */
  forgetChangedText(node: Node, oldText?: string | null): PageMention[];
  /** Whether this mention is still known (not forgotten since it was read). */
  holds(mention: PageMention): boolean;
  /** Forgets every mention and ends work under way; scanAll() starts again. */
  stop(): void;
  /** Stops, and reads with this matcher from the next scanAll() on (the user's library changed). */
  setMatcher(matcher: Matcher): void;
}

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { root, painter } = options;
  let matcher = options.matcher;
  const sliceMs = options.sliceMs ?? 8;
  const now = options.now ?? (() => performance.now());
  let state: ScanState = createScanState();
  const byBlock = new Map<Element | ShadowRoot, PageMention[]>();
  const quotesByBlock = new Map<Element | ShadowRoot, PageQuote[]>();
  let newQuotes: PageQuote[] = [];
  // The run read just before, for a pronoun that names the person of the paragraph before.
  let previousRun: RunPeople | undefined;
  const byNode = new WeakMap<Node, PageMention[]>();
  let pending = 0;
  // Bumped by stop(): work of an older generation ends at its next check.
  let generation = 0;
  let queue: Promise<void> = Promise.resolve();
  // Recorded but not yet handed to the painter, and how many are with the painter now.
  const unpainted = new Set<PageMention>();
  let painted = 0;
  let lastPaint = 0;
  const flushPaint = () => {
    if (unpainted.size === 0) return;
    for (const mention of unpainted) painter.add(mention);
    painted += unpainted.size;
    unpainted.clear();
    lastPaint = now();
  };

  // The text nodes each mention was indexed under, to take it off them all when it is forgotten (a node
  // that stays, re-read again and again, would otherwise collect the mentions of every read).
  const indexedUnder = new WeakMap<PageMention, Node | Node[]>();
  // Most mentions lie in one text node: that node itself is kept, not a list of one.
  const indexNode = (node: Node, mention: PageMention) => {
    const list = byNode.get(node);
    if (list) list.push(mention);
    else byNode.set(node, [mention]);
    const nodes = indexedUnder.get(mention);
    if (nodes === undefined) indexedUnder.set(mention, node);
    else if (Array.isArray(nodes)) nodes.push(node);
    else indexedUnder.set(mention, [nodes, node]);
  };
  const nodesIndexedUnder = (mention: PageMention): readonly Node[] => {
    const nodes = indexedUnder.get(mention);
    return nodes === undefined ? [] : Array.isArray(nodes) ? nodes : [nodes];
  };

  // Every mention in document order, kept as recorded while each follows the last (a forward read), and dropped
  // by anything else (a re-read block, a shadow tree read after the rest): then mentions() sorts once more. A
  // sort costs n log n comparisons of DOM positions (tens of ms at 15,000 mentions), and the popup, the
  // keyboard walk and each repaint ask for the mentions in order.
  let ordered: PageMention[] | null = [];

  const record = (mention: PageMention) => {
    if (ordered) {
      const last = ordered[ordered.length - 1];
      if (!last || compareRanges(last.range, mention.range) <= 0) ordered.push(mention);
      else ordered = null;
    }
    const list = byBlock.get(mention.block);
    if (list) list.push(mention);
    else byBlock.set(mention.block, [mention]);
    const { startContainer, endContainer } = mention.range;
    indexNode(startContainer, mention);
    if (endContainer !== startContainer) {
      // A mention across inline elements: every text node it covers must find it under the pointer. Its block
      // holds them all (from the run just read).
      const walker = root.createTreeWalker(mention.block, 0x4);
      walker.currentNode = startContainer;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        indexNode(node, mention);
        if (node === endContainer) break;
      }
    }
    unpainted.add(mention);
    if (unpainted.size >= FIRST_PAINT_BATCH && (painted === 0 || (unpainted.size >= painted && now() - lastPaint >= PAINT_INTERVAL_MS))) {
      flushPaint();
    }
  };

  /** Every block with mentions or quotations recorded. */
  const knownBlocks = () => new Set([...byBlock.keys(), ...quotesByBlock.keys()]);

  const forgetBlock = (block: Element | ShadowRoot) => {
    const quotes = quotesByBlock.get(block);
    if (quotes) {
      quotesByBlock.delete(block);
      for (const quote of quotes) painter.forgetQuote?.(quote);
    }
    const list = byBlock.get(block);
    if (!list) return;
    byBlock.delete(block);
    ordered = byBlock.size === 0 ? [] : null;
    for (const mention of list) dropMention(mention);
  };

  /** Takes a mention off the painter and the node index (not off its block's list). */
  const dropMention = (mention: PageMention) => {
    if (!unpainted.delete(mention)) {
      painter.remove(mention);
      painted--;
    }
    for (const node of nodesIndexedUnder(mention)) {
      const own = byNode.get(node);
      if (own)
        byNode.set(
          node,
          own.filter((m) => m !== mention),
        );
    }
  };

  const forgetChangedText = (node: Node, oldText?: string | null): PageMention[] => {
    // What the text kept from its start (appended text, a ticker's tail) leaves the mentions that end there as
    // they were; without the old text, every mention in the node goes.
    const now = (node as CharacterData).data ?? '';
    let kept = 0;
    if (oldText != null) while (kept < oldText.length && kept < now.length && oldText[kept] === now[kept]) kept++;
    const gone = new Set((byNode.get(node) ?? []).filter((m) => m.range.endContainer !== node || m.range.endOffset > kept));
    for (const mention of gone) {
      dropMention(mention);
      const rest = byBlock.get(mention.block)?.filter((m) => m !== mention);
      if (rest?.length) byBlock.set(mention.block, rest);
      else byBlock.delete(mention.block);
    }
    if (gone.size) ordered = ordered?.filter((m) => !gone.has(m)) ?? null;
    for (const [block, quotes] of quotesByBlock.size ? quotesByBlock : []) {
      const changed = quotes.filter((q) => q.range.startContainer === node || q.range.endContainer === node);
      if (changed.length === 0) continue;
      for (const quote of changed) painter.forgetQuote?.(quote);
      const rest = quotes.filter((q) => !changed.includes(q));
      if (rest.length) quotesByBlock.set(block, rest);
      else quotesByBlock.delete(block);
    }
    return [...gone];
  };

  const rangeOf = (run: TextRun, start: number, end: number) => {
    const a = runPosition(run, start, false);
    const b = runPosition(run, end, true);
    return staticRange(a.node, a.offset, b.node, b.offset);
  };

  const mentionsOfRun = (run: TextRun): PageMention[] => {
    // Inline text at the top of a shadow tree has no block there: its shadow root stands in, so that it is
    // forgotten with the shadow root (re-read, or gone with its host) rather than kept with the document.
    // Asked only of a run with a mention or a quotation (most runs have neither): it walks up and may read styles.
    let known: Element | ShadowRoot | undefined;
    const blockOfRun = () => (known ??= blockContaining(run.nodes[0]) ?? shadowRootOf(run.nodes[0]) ?? root.documentElement);
    const found: PageMention[] = [];
    const people: RunPeople['people'] = [];
    let coveredUntil = 0;
    for (let windowStart = 0; windowStart < run.text.length; windowStart += WINDOW) {
      const from = Math.max(0, windowStart - OVERLAP);
      const to = Math.min(run.text.length, windowStart + WINDOW + OVERLAP);
      for (const mention of findMentions(matcher, run.text.slice(from, to), state)) {
        const start = mention.start + from;
        const end = mention.end + from;
        // Each window owns the mentions that start inside it; the overlaps are only there to be looked at.
        if (start < windowStart || start >= windowStart + WINDOW || start < coveredUntil) continue;
        coveredUntil = end;
        const range = rangeOf(run, start, end);
        const entity = matcher.data.entities[mention.entity];
        found.push({ entityId: entity.id, type: entity.type, range, block: blockOfRun() });
        if (entity.type === 'person') people.push({ start, end, entity: entity.id });
      }
    }
    if (options.readQuotations?.() && run.text.length <= WINDOW) recordQuotations(run, blockOfRun, people);
    return found;
  };

  const recordQuotations = (run: TextRun, blockOfRun: () => Element | ShadowRoot, people: RunPeople['people']) => {
    const current = { text: run.text, people };
    const spans = findPageQuotations(current, previousRun);
    previousRun = current;
    if (spans.length === 0) return;
    const block = blockOfRun();
    const list = quotesByBlock.get(block) ?? [];
    for (const span of spans) {
      const quote: PageQuote = { text: run.text.slice(span.start, span.end), range: rangeOf(run, span.markStart, span.markEnd), block };
      if (span.speakerId) quote.speakerId = span.speakerId;
      list.push(quote);
      newQuotes.push(quote);
    }
    quotesByBlock.set(block, list);
  };

  /** Reads runs under `scope` in slices, recording mentions. */
  const readScope = async (scope: Node, own: number) => {
    const ignore = options.ignore?.() ?? null;
    previousRun = undefined;
    let sliceStart = now();
    for (const run of walkRuns(scope, { ignore, onShadowRoot: options.onShadowRoot })) {
      if (own !== generation) return;
      if (options.acceptRun && !options.acceptRun(run)) continue;
      // A Chinese name's boundaries need the word segmenter, whose first making is a long step (skipped on
      // pages with no such candidate). It gets a task of its own, not the tail of a slice. (The first window
      // of a long run is enough to look at: a later one makes it inline, in a longer slice.)
      if (wouldPrepareSegmenter(matcher, run.text.length > WINDOW ? run.text.slice(0, WINDOW) : run.text)) {
        await options.yieldToPage();
        prepareSegmenter();
        await options.yieldToPage();
        sliceStart = now();
        if (own !== generation) return;
        // The page may have changed the run's text meanwhile: its offsets no longer hold. The mutation
        // observer re-reads that block.
        const stale = run.nodes.some(
          (node, i) => !node.isConnected || node.data.length !== (run.starts[i + 1] ?? run.text.length) - run.starts[i],
        );
        if (stale) continue;
      }
      for (const mention of mentionsOfRun(run)) record(mention);
      if (now() - sliceStart > sliceMs) {
        await options.yieldToPage();
        sliceStart = now();
      }
    }
  };

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    pending++;
    // One failed read must not stop every later one.
    queue = queue
      .then(work)
      .catch(() => undefined)
      .finally(() => {
        flushPaint();
        pending--;
      });
    return queue;
  };

  return {
    scanAll() {
      const own = generation;
      return enqueue(async () => {
        if (own !== generation) return;
        for (const block of knownBlocks()) forgetBlock(block);
        state = createScanState();
        // A fresh read starts in a task of its own: what ran before it (the content script setting up) is
        // not added to its first slice.
        await options.yieldToPage();
        if (own !== generation) return;
        if (root.body) await readScope(root.body, own);
      });
    },

    rescan(nodes) {
      // A change at the top of a shadow tree (a component rendering into its root) has no block around it:
      // the shadow root itself is re-read.
      const blocks = new Set<Element | ShadowRoot>();
      for (const node of nodes) {
        const block = node.isConnected ? (blockContaining(node) ?? shadowRootOf(node)) : null;
        if (block) blocks.add(block);
      }
      const own = generation;
      return enqueue(async () => {
        if (own !== generation) return;
        // Removed text: its blocks are gone from the document, and so are its mentions.
        for (const block of knownBlocks()) if (!block.isConnected) forgetBlock(block);
        // Outermost blocks only; re-reading one re-reads all blocks inside it.
        // Shadow-including: re-reading a block also re-reads the open shadow trees of the hosts inside it.
        const outermost = [...blocks].filter((b) => b.isConnected && ![...blocks].some((o) => o !== b && containsDeep(o, b)));
        for (const block of outermost) {
          for (const known of knownBlocks()) if (containsDeep(block, known)) forgetBlock(known);
          await readScope(block, own);
          if (own !== generation) return;
        }
      });
    },

    get complete() {
      return pending === 0;
    },

    mentions() {
      ordered ??= [...byBlock.values()].flat().sort((a, b) => compareRanges(a.range, b.range));
      return ordered.slice();
    },

    quotations() {
      return [...quotesByBlock.values()].flat().sort((a, b) => compareRanges(a.range, b.range));
    },

    takeNewQuotations() {
      const taken = newQuotes;
      newQuotes = [];
      return taken;
    },

    mentionAt(node, offset) {
      return byNode.get(node)?.find((m) => containsPoint(m.range, node, offset));
    },

    forgetChangedText,

    holds: (mention) => byBlock.get(mention.block)?.includes(mention) ?? false,

    stop() {
      generation++;
      for (const block of knownBlocks()) forgetBlock(block);
    },

    setMatcher(next) {
      this.stop();
      matcher = next;
    },
  };
}

/** The shadow root `node` is in (or is), if any. */
function shadowRootOf(node: Node): ShadowRoot | null {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root : null;
}

/** Whether `node` is `ancestor` or inside it, also through the shadow roots of hosts inside it. */
function containsDeep(ancestor: Node, node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null)) {
    if (current === ancestor) return true;
  }
  return false;
}
