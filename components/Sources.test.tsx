// @vitest-environment happy-dom
// The Sources section renders what the library gives it and asks the library for every change: review and
// accept (renamed, typed, or added to an existing entity), remove only after confirmation, files imported
// with each bad one named.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockI18n } from '../utils/testing/i18n-mock';
import type { LibraryListing } from '../utils/library/service';
import { Sources, type SourcesLibrary } from './Sources';

let container: HTMLDivElement;

const LISTING: LibraryListing = {
  sources: [
    {
      id: 'u-1',
      title: 'Lab news',
      file: 'https://news.example/lab',
      url: 'https://news.example/lab',
      lang: 'en',
      bundled: false,
      addedAt: '2026-01-02T10:00:00.000Z',
    },
    { id: '000_seed', title: 'DeepSeek-R1 发布六个月后', file: 'seeds/000_seed.txt', date: '2025-07-18', lang: 'zh', bundled: true },
  ],
  entities: [
    { id: 'deepseek', name: 'DeepSeek', type: 'organization', sources: ['000_seed', 'u-1'], user: false },
    { id: 'u-hugo', name: 'Hugo Lab', type: 'organization', sources: ['u-1'], user: true },
  ],
};

function fakeLibrary(overrides: Partial<SourcesLibrary> = {}): SourcesLibrary {
  return {
    listing: LISTING,
    importFiles: vi.fn(async () => []),
    candidates: vi.fn(async () => [
      {
        name: 'Mistral Forge',
        count: 3,
        type: 'organization' as const,
        sentence: [0, 10] as [number, number],
        start: 0,
        sentenceText: 'Mistral Forge opened a lab.',
      },
      { name: 'Elodie Marchand', count: 2, sentence: [11, 30] as [number, number], start: 11, sentenceText: 'Elodie Marchand said so.' },
    ]),
    accept: vi.fn(async () => [{ id: 'u-mistral-forge', name: 'Mistral Forge' }]),
    remove: vi.fn(async () => undefined),
    exportLibrary: vi.fn(async () => undefined),
    importLibrary: vi.fn(async () => ({ added: 1, merged: 0 })),
    ...overrides,
  };
}

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
}

async function mount(library: SourcesLibrary, props: { reviewSourceId?: string; confirm?: (q: string) => boolean } = {}) {
  const announced: string[] = [];
  const opened: string[] = [];
  await act(() =>
    render(
      <Sources
        library={library}
        reviewSourceId={props.reviewSourceId}
        announce={(message) => announced.push(message)}
        openSource={(id) => opened.push(id)}
        confirm={props.confirm ?? (() => true)}
      />,
      container,
    ),
  );
  await settle();
  return { announced, opened };
}

const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;
async function click(element: HTMLElement) {
  await act(() => element.click());
  await settle();
}

beforeEach(() => {
  mockI18n('en');
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe('Sources', () => {
  it('lists the user’s sources before the bundled one, with site, date and names; only the user’s can be removed', async () => {
    await mount(fakeLibrary());
    const items = [...container.querySelectorAll('.gloss-source')];
    expect(items.map((item) => item.querySelector('.gloss-source-title')!.textContent)).toEqual(['Lab news', 'DeepSeek-R1 发布六个月后']);
    expect(items[0].textContent).toContain('news.example');
    expect(items[0].textContent).toContain('added 2026-01-02');
    expect(items[0].textContent).toContain('2 names');
    expect(items[1].textContent).toContain('Bundled with Gloss');
    expect(items[1].textContent).not.toContain('Remove');
  });

  it('reviews a source’s proposed names; accepting sends the ticked ones, renamed, typed or merged', async () => {
    const library = fakeLibrary();
    const { announced } = await mount(library, { reviewSourceId: 'u-1' });
    expect(library.candidates).toHaveBeenCalledWith('u-1');
    expect(container.querySelector('#gloss-review-title')!.textContent).toContain('Lab news');
    expect(container.textContent).toContain('Mistral Forge opened a lab.');
    expect(button('Accept selected names').disabled).toBe(true);

    const boxes = container.querySelectorAll<HTMLInputElement>('.gloss-candidate input[type=checkbox]');
    await act(() => boxes[0].click());
    await act(() => boxes[1].click());
    await settle();
    const selects = container.querySelectorAll<HTMLSelectElement>('.gloss-candidate select');
    // The first: added to DeepSeek. The second: a person of its own, renamed.
    selects[0].value = 'deepseek';
    await act(() => void selects[0].dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    const second = container.querySelectorAll('.gloss-candidate')[1];
    const name = second.querySelector<HTMLInputElement>('input[type=text]')!;
    name.value = 'Élodie Marchand';
    await act(() => void name.dispatchEvent(new Event('input', { bubbles: true })));
    const type = second.querySelectorAll<HTMLSelectElement>('select')[1];
    type.value = 'person';
    await act(() => void type.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();

    await click(button('Accept selected names'));
    expect(library.accept).toHaveBeenCalledWith('u-1', [
      { name: 'Mistral Forge', mergeInto: 'deepseek' },
      { name: 'Elodie Marchand', type: 'person', displayName: 'Élodie Marchand' },
    ]);
    expect(announced.at(-1)).toBe('Accepted: Mistral Forge.');
  });

  it('removes a source only after the user confirms', async () => {
    const library = fakeLibrary();
    let answer = false;
    const questions: string[] = [];
    await mount(library, { confirm: (q) => (questions.push(q), answer) });
    await click(button('Remove'));
    expect(questions[0]).toContain('Lab news');
    expect(library.remove).not.toHaveBeenCalled();
    answer = true;
    await click(button('Remove'));
    expect(library.remove).toHaveBeenCalledWith('u-1');
  });

  it('names every file that could not be imported', async () => {
    const library = fakeLibrary({
      importFiles: vi.fn(async (_files: File[], progress: (done: number) => void) => {
        progress(1);
        progress(2);
        return [
          { file: 'a.txt', sourceId: 'u-2', existing: false },
          { file: 'b.pdf', error: 'b.pdf: cannot be imported: ".pdf" is not .txt, .md, .markdown, .html, .htm' },
        ];
      }),
    });
    const { announced } = await mount(library);
    const input = container.querySelector<HTMLInputElement>('input[type=file][multiple]')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'a.txt'), new File(['y'], 'b.pdf')], configurable: true });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    expect(container.querySelector('.gloss-file-errors')!.textContent).toContain('b.pdf: cannot be imported');
    expect(announced).toContain('1 added, 0 already there, 1 could not be read.');
    expect(library.candidates).toHaveBeenCalledWith('u-2');
  });
});
