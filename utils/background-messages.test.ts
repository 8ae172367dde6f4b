// The background's message listener: it answers only Gloss's own senders (sender.id), and only messages of a
// known shape; a page can reach it only through Gloss's content script, which sends fixed shapes.
// (Here rather than beside entrypoints/background.ts: WXT would take a file there for a second entry point.)
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EntityView } from '@/utils/view/entity-view';
import type { QuoteVerdictView } from '@/utils/messages';
import background from '../entrypoints/background';

type Listener = (message: unknown, sender: { id?: string; url?: string; tab?: { index: number } }) => Promise<unknown> | undefined;
let listener: Listener;

beforeAll(() => {
  // APIs the fake browser leaves unimplemented; the listener under test does not use them.
  const noop = { addListener: () => undefined };
  Object.assign(fakeBrowser.commands, { onCommand: noop });
  Object.assign(fakeBrowser.contextMenus, { onClicked: noop, create: () => undefined });
  const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  background.main();
  listener = add.mock.calls[0][0] as unknown as Listener;
});

beforeEach(() => vi.restoreAllMocks());

const own = () => ({ id: fakeBrowser.runtime.id, tab: { index: 2 } });

describe('background message listener', () => {
  it('answers an entity request from Gloss itself', async () => {
    const view = (await listener({ type: 'gloss:entity', id: 'deepseek' }, own())) as EntityView;
    expect(view.id).toBe('deepseek');
    expect(await listener({ type: 'gloss:entity', id: 'no-such-entity' }, own())).toBeNull();
  });

  it('answers the quote check: a verdict per quotation, null where no quote of the sources matches', async () => {
    const answer = (await listener(
      {
        type: 'gloss:check-quotes',
        quotations: [
          { text: '各国政府正在大力推动数字主权，努力寻找避免外国 AI 影响的途径。', speakerId: 'kaoutar-el-maghraoui' },
          { text: '今天的天气非常好，我们一起去公园散步吧，顺便买点水果。' },
        ],
      },
      own(),
    )) as (QuoteVerdictView | null)[];
    expect(answer).toHaveLength(2);
    expect(answer[0]).toMatchObject({ verdict: 'altered', known: { speaker: { id: 'kaoutar-el-maghraoui' } } });
    expect(answer[0]!.known.text).toContain('各国政府正在积极推动数字主权');
    expect(answer[1]).toBeNull();
  });

  it.each([{}, { id: 'another-extension-id' }, { id: undefined, tab: { index: 0 } }])(
    'ignores a sender that is not Gloss (%j)',
    (sender) => {
      expect(listener({ type: 'gloss:entity', id: 'deepseek' }, sender)).toBeUndefined();
      expect(listener({ type: 'gloss:open', url: '/source.html' }, sender)).toBeUndefined();
    },
  );

  it.each([
    null,
    'gloss:entity',
    { type: 'gloss:entity', id: 7 },
    { type: 'gloss:open', url: 'https://evil.example/' },
    { type: 'gloss:eval', code: '1' },
  ])('ignores a message of an unknown shape (%j)', (message) => expect(listener(message, own())).toBeUndefined());

  it("opens only Gloss's own pages, next to the sender's tab", async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    expect(await listener({ type: 'gloss:open', url: '/source.html?source=x' }, own())).toBe(true);
    expect(create).toHaveBeenCalledWith({ url: `chrome-extension://${fakeBrowser.runtime.id}/source.html?source=x`, index: 3 });
    expect(listener({ type: 'gloss:open', url: 'javascript:alert(1)' }, own())).toBeUndefined();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("answers the library's messages for Gloss's own pages only, never for a content script", async () => {
    const page = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/options.html` };
    const contentScript = { id: fakeBrowser.runtime.id, url: 'https://news.example/article', tab: { index: 1 } };
    expect(listener({ type: 'gloss:library' }, contentScript)).toBeUndefined();
    expect(listener({ type: 'gloss:remove-source', sourceId: 'u-0123456789abcdef' }, contentScript)).toBeUndefined();
    expect(listener({ type: 'gloss:accept', sourceId: 'x', names: 'not a list' }, page)).toBeUndefined();
    // No IndexedDB in this test: the listing is the bundled index alone, and a change says why it failed.
    const listing = (await listener({ type: 'gloss:library' }, page)) as { sources: { bundled: boolean }[] };
    expect(listing.sources.length).toBeGreaterThan(0);
    expect(listing.sources.every((source) => source.bundled)).toBe(true);
    const removed = (await listener({ type: 'gloss:remove-source', sourceId: 'u-0123456789abcdef' }, page)) as {
      ok: boolean;
      error: string;
    };
    expect(removed.ok).toBe(false);
    expect(removed.error).toMatch(/IndexedDB|library/i);
  });
});
