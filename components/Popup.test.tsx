// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MatchesResponse, TabMessage } from '../utils/messages';
import { defaultSettings, getSettings, saveSettings } from '../utils/settings';
import { fixtureIndex } from '../utils/testing/fixture-index';
import { mockI18n } from '../utils/testing/i18n-mock';
import { Popup } from './Popup';

const PAGE_URL = 'https://news.example.com/article';

let container: HTMLDivElement;
let sent: { tabId: number; message: TabMessage }[];
let answer: (message: TabMessage) => unknown;

async function settle() {
  // Storage, tab queries and messages resolve over a few microtask turns.
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
}

async function mount(props: { initialQuery?: string } = {}) {
  await act(() => render(<Popup index={fixtureIndex()} {...props} />, container));
  await settle();
}

const input = () => container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
const options = () => [...container.querySelectorAll<HTMLElement>('[role="option"]')];
const activeOption = () => {
  const id = input().getAttribute('aria-activedescendant');
  return id ? container.querySelector<HTMLElement>(`#${id}`) : null;
};

async function type(text: string) {
  await act(() => {
    input().value = text;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(key: string, target: Element = input()) {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  mockI18n('en');
  container = document.createElement('div');
  document.body.append(container);
  sent = [];
  answer = (message) =>
    message.type === 'gloss:matches'
      ? ({
          url: PAGE_URL,
          complete: true,
          matches: ['deepseek', 'ibm', 'deepseek', 'kai-fu-lee', 'deepseek'].map((entityId) => ({ entityId, text: entityId })),
        } satisfies MatchesResponse)
      : true;
  const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
  await fakeBrowser.tabs.update(tab.id!, { active: true });
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...tab, active: true }]);
  (fakeBrowser.tabs as { sendMessage: unknown }).sendMessage = vi.fn(async (tabId: number, message: TabMessage) => {
    sent.push({ tabId, message });
    return answer(message);
  });
  (fakeBrowser.runtime as { openOptionsPage: unknown }).openOptionsPage = vi.fn(async () => {});
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('Popup search', () => {
  it('focuses the search field on open', async () => {
    await mount();
    expect(document.activeElement).toBe(input());
    expect(input().getAttribute('aria-expanded')).toBe('false');
  });

  it('shows grouped results with the matched characters marked, as text', async () => {
    await mount();
    await type('IBM');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    const listbox = container.querySelector('[role="listbox"]')!;
    expect(input().getAttribute('aria-controls')).toBe(listbox.id);
    const groups = [...listbox.querySelectorAll('[role="group"]')];
    expect(groups[0].textContent).toContain('Names');
    const first = options()[0];
    expect(first.querySelector('.gloss-option-label')!.textContent).toBe('IBM');
    expect([...first.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['IBM']);
    expect(container.querySelector('[role="status"]')!.textContent).toMatch(/Results: \d+/);
  });

  it('renders page text as text, never as markup', async () => {
    const index = fixtureIndex();
    index.entities[0] = {
      ...index.entities[0],
      name: '<img src=x onerror=alert(1)>DeepSeek',
      names: { en: '<img src=x onerror=alert(1)>DeepSeek' },
    };
    await act(() => render(<Popup index={index} />, container));
    await settle();
    await type('deepseek');
    expect(container.querySelector('img')).toBeNull();
    expect(options()[0].textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('moves through the options with the arrow keys, wrapping, and opens one with Enter', async () => {
    await mount();
    await type('中间件');
    // No entity is named 中间件; Anita Huang's quote is.
    expect(options()).toHaveLength(1);
    await type('模型');
    const all = options();
    expect(all.length).toBeGreaterThan(2);
    expect(activeOption()).toBe(all[0]);
    expect(all[0].getAttribute('aria-selected')).toBe('true');

    await press('ArrowDown');
    expect(activeOption()).toBe(all[1]);
    expect(all[1].getAttribute('aria-selected')).toBe('true');
    expect(all[0].getAttribute('aria-selected')).toBe('false');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(activeOption()).toBe(options()[all.length - 1]);
    await press('ArrowDown');
    expect(activeOption()).toBe(options()[0]);
    expect(document.activeElement).toBe(input()); // focus never leaves the field
  });

  it('opens the entity details with Enter and goes back with the back button', async () => {
    await mount();
    await type('okanohara');
    await press('Enter');
    await settle();
    const heading = container.querySelector('h2.gloss-entity-name');
    expect(heading?.textContent).toContain('Daisuke Okanohara');
    expect(heading?.textContent).toContain('冈原大辅');
    const back = container.querySelector<HTMLButtonElement>('.gloss-back')!;
    expect(document.activeElement).toBe(back);

    await act(() => back.click());
    await settle();
    expect(input().value).toBe('okanohara'); // the search is kept
    expect(document.activeElement).toBe(input());
  });

  it('opens a quote hit as its speaker, and Escape in the details goes back', async () => {
    await mount();
    await type('中间件');
    await press('Enter');
    await settle();
    expect(container.querySelector('h2.gloss-entity-name')?.textContent).toContain('Anita Huang');
    await press('Escape', container.querySelector('.gloss-back')!);
    await settle();
    expect(input()).not.toBeNull();
  });

  it('opens a hit on click', async () => {
    await mount();
    await type('kaifu lee');
    await act(() => options()[0].click());
    await settle();
    expect(container.querySelector('h2.gloss-entity-name')?.textContent).toContain('Kai-Fu Lee');
  });

  it('clears the query with Escape', async () => {
    await mount();
    await type('ibm');
    await press('Escape');
    expect(input().value).toBe('');
    expect(container.querySelector('[role="listbox"]')).toBeNull();
  });

  it('says so when nothing matches', async () => {
    await mount();
    await type('zzqxv');
    expect(options()).toHaveLength(0);
    expect(container.textContent).toContain('Nothing matches “zzqxv”.');
  });

  it('takes a prefilled query (context menu look-up)', async () => {
    await mount({ initialQuery: 'mitsubshi' });
    expect(input().value).toBe('mitsubshi');
    expect(options()[0].textContent).toContain('Mitsubishi Electric');
  });
});

describe('Popup page section', () => {
  it("lists the page's entities by first appearance with counts, and reveals one on click", async () => {
    await mount();
    expect(sent[0].message).toEqual({ type: 'gloss:matches' });
    const items = [...container.querySelectorAll('.gloss-page-item')];
    expect(items.map((item) => item.querySelector('.gloss-page-name')!.textContent)).toEqual(['DeepSeek', 'IBM', 'Kai-Fu Lee']);
    expect(items[0].querySelector('.gloss-count')!.textContent).toContain('3');
    await act(() => items[1].querySelector<HTMLButtonElement>('.gloss-page-reveal')!.click());
    expect(sent.at(-1)).toEqual({ tabId: sent[0].tabId, message: { type: 'gloss:reveal', entityId: 'ibm' } });
  });

  it('opens details from the page list and returns focus there', async () => {
    await mount();
    const details = container.querySelector<HTMLButtonElement>('.gloss-page-details')!;
    await act(() => details.click());
    await settle();
    expect(container.querySelector('h2.gloss-entity-name')?.textContent).toContain('DeepSeek');
    await act(() => container.querySelector<HTMLButtonElement>('.gloss-back')!.click());
    await settle();
    expect(document.activeElement?.id).toBe('gloss-page-details-deepseek');
  });

  it('shows a friendly state when the tab has no content script', async () => {
    answer = () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await mount();
    expect(container.textContent).toContain("Gloss can't read this page.");
  });

  it('writes the site switch and the global switch to settings', async () => {
    await mount();
    const [globalSwitch, siteSwitch] = [...container.querySelectorAll<HTMLButtonElement>('[role="switch"]')];
    expect(siteSwitch.textContent).toContain('news.example.com');
    expect(siteSwitch.getAttribute('aria-checked')).toBe('true');

    await act(() => siteSwitch.click());
    await settle();
    expect((await getSettings()).disabledSites).toEqual(['news.example.com']);
    expect(siteSwitch.getAttribute('aria-checked')).toBe('false');
    expect(container.textContent).toContain('Gloss is off for this site.');

    await act(() => globalSwitch.click());
    await settle();
    expect((await getSettings()).enabled).toBe(false);
    expect(globalSwitch.getAttribute('aria-checked')).toBe('false');
  });

  it('follows settings changed elsewhere', async () => {
    await mount();
    await act(async () => {
      await saveSettings({ ...defaultSettings(), enabled: false });
    });
    await settle();
    expect(container.querySelector('[role="switch"]')!.getAttribute('aria-checked')).toBe('false');
  });

  it('opens the options page and source passages in a new tab', async () => {
    await mount();
    await act(() => [...container.querySelectorAll<HTMLButtonElement>('.gloss-link')].find((b) => b.textContent === 'Settings')!.click());
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();

    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await type('okanohara');
    await press('Enter');
    await settle();
    const link = container.querySelector<HTMLAnchorElement>('a.gloss-src-link')!;
    await act(() => {
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    });
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/^chrome-extension:\/\/[^/]+\/source\.html\?source=/) });
  });
});
