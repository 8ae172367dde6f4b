// Screenshots for the README, taken from the real build in Debian's Chromium with the e2e harness:
//   npm run build && npx tsx scripts/screenshots.ts [outDir]      (default docs/screenshots)
// Light colour scheme, 2× pixels, en-US UI. Chinese needs a CJK font (fonts-noto-cjk) or it renders as boxes.
// Everything is served from 127.0.0.1 (the e2e fixture pages); nothing leaves the machine.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { getCardState, getMatches, getQuotes, launchChromiumWithGloss, mentionPoint } from '../e2e/support/chromium.ts';
import { PROJECT_ROOT } from '../e2e/support/common.ts';
import { startServer } from '../e2e/support/server.ts';
import type { GlossIndex } from '../utils/types.ts';
import rawIndex from '../data/index.json' with { type: 'json' };

const index = rawIndex as unknown as GlossIndex;
const OUT = path.resolve(process.argv[2] ?? path.join(PROJECT_ROOT, 'docs', 'screenshots'));
const SCALE = 2;

/**
 * CSS size, device pixel ratio and colour scheme of the page, through the DevTools protocol: a persistent
 * context has no per-page device scale factor, and Playwright's own screenshots would reset it.
 */
async function emulate(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  // Overrides live as long as the session that set them: one session per page, kept open, also shoots.
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: SCALE, mobile: false });
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
}
const sessions = new WeakMap<Page, CDPSession>();

/** Fonts loaded and two frames painted. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** The viewport, or with `fullPage` the whole document (the viewport grown to its height first). */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (options.fullPage) {
    const size = await page.evaluate(() => ({ width: innerWidth, height: document.documentElement.scrollHeight }));
    await emulate(page, size.width, size.height);
  }
  await settle(page);
  const cdp = sessions.get(page);
  if (!cdp) throw new Error('emulate(page, …) first');
  const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
  const file = path.join(OUT, name);
  await writeFile(file, Buffer.from(data, 'base64'));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

const gloss = await launchChromiumWithGloss({ locale: 'en-US' });
const server = await startServer();
const extensionPage = (file: string) => `chrome-extension://${gloss.extensionId}/${file}`;

try {
  await mkdir(OUT, { recursive: true });

  // The hover cards. These come first and each in a tab of its own: the harness finds a web tab by asking
  // the active one when the extension cannot see tab URLs, which only works while no Gloss page is open.
  for (const [file, mention, entityId, name] of [
    ['english.html', 'Larry Li', 'larry-li', 'card-en.png'],
    ['chinese.html', '冈原大辅', 'daisuke-okanohara', 'card-zh.png'],
  ] as const) {
    const page = await gloss.context.newPage();
    await emulate(page, 1100, 720);
    await page.goto(server.url(file));
    await getMatches(gloss.context, page);
    const point = await mentionPoint(page, mention);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    for (let tries = 0; (await getCardState(gloss.context, page)).entityId !== entityId; tries++) {
      if (tries > 40) throw new Error(`no card for ${entityId} on ${file}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await shoot(page, name);
    await page.close();
  }

  // The quote check: the card of an altered quotation, opened on its mark (the third ” of quotes.html).
  {
    const page = await gloss.context.newPage();
    await emulate(page, 1100, 720);
    await page.goto(server.url('quotes.html'));
    await getQuotes(gloss.context, page);
    const point = await mentionPoint(page, '”', 2);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    for (let tries = 0; (await getCardState(gloss.context, page)).verdict !== 'altered'; tries++) {
      if (tries > 40) throw new Error('no quotation card on quotes.html');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await shoot(page, 'quote-card.png');
    await page.close();
  }

  // The popup: a query typed, then an entity opened from it. 400×600 is about the size Chromium gives it.
  {
    const page = await gloss.context.newPage();
    await emulate(page, 400, 600);
    await page.goto(extensionPage('popup.html'));
    await page.getByRole('combobox').pressSequentially('deepsek');
    await page.locator('#gloss-results-option-0').waitFor();
    await shoot(page, 'popup-search.png');

    await page.getByRole('combobox').fill('larry');
    await page.locator('#gloss-results-option-0').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.gloss-details .gloss-entity-name').waitFor();
    // Focus sits on the back button; the screenshot is about the entity, not the focus ring.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shoot(page, 'popup-entity.png');
    await page.close();
  }

  // The source view at a quote, with its speaker's details beside it.
  {
    const quote = index.quotes.find((q) => q.speaker === 'anita-huang') ?? index.quotes[0];
    const page = await gloss.context.newPage();
    await emulate(page, 1280, 800);
    const params = new URLSearchParams({
      source: quote.source,
      start: String(quote.start),
      end: String(quote.end),
      entity: quote.speaker,
    });
    await page.goto(extensionPage(`source.html?${params}`));
    await page.locator('mark.source-passage').first().waitFor();
    await page.locator('.source-panel').waitFor();
    await shoot(page, 'source-view.png');
    await page.close();
  }

  // The options page, whole.
  {
    const page = await gloss.context.newPage();
    await emulate(page, 900, 800);
    await page.goto(extensionPage('options.html'));
    await page.getByRole('heading', { name: 'What to highlight' }).waitFor();
    await shoot(page, 'options.png', { fullPage: true });
    await page.close();
  }
} finally {
  await gloss.close();
  await server.close();
}
