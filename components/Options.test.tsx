// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, getSettings, saveSettings } from '../utils/settings';
import { fixtureIndex } from '../utils/testing/fixture-index';
import { mockI18n } from '../utils/testing/i18n-mock';
import { ENTITY_TYPES } from '../utils/types';
import { Options, hostnameFromInput } from './Options';

let container: HTMLDivElement;

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
}

async function mount() {
  await act(() => render(<Options index={fixtureIndex()} />, container));
  await settle();
}

const labelled = (text: string) =>
  [...container.querySelectorAll('label')].find((label) => label.textContent?.includes(text))!.querySelector('input')!;

async function fire(element: HTMLElement, type: string) {
  await act(() => {
    element.dispatchEvent(new Event(type, { bubbles: true }));
  });
  await settle();
}

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('hostnameFromInput', () => {
  it('takes hostnames and addresses', () => {
    expect(hostnameFromInput(' Example.COM ')).toBe('example.com');
    expect(hostnameFromInput('https://news.example.com/a?b#c')).toBe('news.example.com');
    expect(hostnameFromInput('example.com/path')).toBe('example.com');
    expect(hostnameFromInput('not a site')).toBe('');
    expect(hostnameFromInput('')).toBe('');
  });
});

describe('Options', () => {
  it('shows the stored settings and saves each change at once', async () => {
    await saveSettings({ ...defaultSettings(), mentions: 'first' });
    await mount();
    expect(container.querySelector<HTMLInputElement>('input[name="mentions"][value="first"]')!.checked).toBe(true);

    const articleOnly = labelled('Only in the main article');
    articleOnly.checked = true;
    await fire(articleOnly, 'change');
    expect((await getSettings()).articleOnly).toBe(true);

    const underline = container.querySelector<HTMLInputElement>('input[name="highlightStyle"][value="underline"]')!;
    underline.checked = true;
    await fire(underline, 'change');
    expect((await getSettings()).highlightStyle).toBe('underline');

    expect(container.querySelector('[role="status"]')!.textContent).toBe('Saved');
  });

  it('turns types on and off, places off by default', async () => {
    await mount();
    const rows = [...container.querySelectorAll('.gloss-type-row')];
    expect(rows).toHaveLength(ENTITY_TYPES.length);
    const places = rows[ENTITY_TYPES.indexOf('place')].querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(places.checked).toBe(false);
    places.checked = true;
    await fire(places, 'change');
    expect((await getSettings()).types.place).toBe(true);
  });

  it('saves a colour override and resets it', async () => {
    await mount();
    const picker = container.querySelector<HTMLInputElement>('input[type="color"]')!;
    picker.value = '#123456';
    await fire(picker, 'change');
    expect((await getSettings()).colors.person).toBe('#123456');
    const reset = container.querySelector<HTMLButtonElement>('.gloss-type-row .gloss-button')!;
    await act(() => reset.click());
    await settle();
    expect((await getSettings()).colors).toEqual({});
  });

  it('saves the card delay when the slider is released, clamped', async () => {
    await mount();
    const slider = container.querySelector<HTMLInputElement>('input[type="range"]')!;
    slider.value = '800';
    await fire(slider, 'input');
    expect(container.querySelector('output')!.textContent).toBe('800 ms');
    expect((await getSettings()).cardDelayMs).toBe(300);
    await fire(slider, 'change');
    expect((await getSettings()).cardDelayMs).toBe(800);
  });

  it('adds, rejects and removes sites', async () => {
    await mount();
    const field = container.querySelector<HTMLInputElement>('#opt-site')!;
    const form = field.closest('form')!;

    field.value = 'not a site';
    await fire(field, 'input');
    await fire(form, 'submit');
    expect(container.querySelector('#opt-site-error')!.textContent).toContain('not a site name');
    expect(field.getAttribute('aria-invalid')).toBe('true');

    field.value = 'https://Blog.Example.com/post';
    await fire(field, 'input');
    await fire(form, 'submit');
    expect((await getSettings()).disabledSites).toEqual(['blog.example.com']);
    expect(container.querySelector('.gloss-site')!.textContent).toBe('blog.example.com');

    await act(() => container.querySelector<HTMLButtonElement>('.gloss-sites .gloss-button')!.click());
    await settle();
    expect((await getSettings()).disabledSites).toEqual([]);
  });

  it('downloads the annotation export from a Blob URL', async () => {
    await mount();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:gloss-test';
    });
    let clicked: HTMLAnchorElement | undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the spy records which anchor was clicked
      clicked = this;
    });
    const button = [...container.querySelectorAll('button')].find((b) => b.textContent?.includes('W3C Web Annotation'))!;
    await act(() => button.click());
    expect(clicked?.download).toBe('gloss-annotations.jsonld');
    expect(clicked?.href).toBe('blob:gloss-test');
    const collection = JSON.parse(await blobs[0].text());
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.items).toHaveLength(3);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Exported 3 annotations.');
  });

  it('restores the defaults', async () => {
    await saveSettings({ ...defaultSettings(), enabled: false, disabledSites: ['a.com'] });
    await mount();
    const button = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Restore all defaults')!;
    await act(() => button.click());
    await settle();
    expect(await getSettings()).toEqual(defaultSettings());
  });
});
