// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RELATION_LABELS, entityView, relationLabelKey, sourceLink } from '../utils/view/entity-view';
import type { EntityView } from '../utils/view/entity-view';
import { ANNUNZIATA_QUOTE, viewFixtureIndex } from '../utils/view/entity-view.fixture';
import { contrastRatio } from '../utils/type-colors';
import { ENTITY_TYPES } from '../utils/types';
import { ENTITY_CSS, EntityDetails } from './EntityDetails';
import { THEME } from './theme';

// The fake browser of the tests has no i18n; keys (with their substitutions) stand in for the strings.
vi.mock('../utils/i18n', () => ({
  t: (key: string, substitutions?: string | string[]) =>
    substitutions === undefined ? key : `${key}[${([] as string[]).concat(substitutions).join('|')}]`,
}));

function view(id: string): EntityView {
  return entityView(viewFixtureIndex(), id)!;
}

let root: HTMLElement;
function mount(node: preact.VNode): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('EntityDetails', () => {
  it('shows both names with their languages and a type badge', () => {
    const el = mount(<EntityDetails view={view('ai-alliance')} onOpenSource={() => {}} />);
    const heading = el.querySelector('h2')!;
    expect(heading.querySelector('[lang="en"]')!.textContent).toBe('AI Alliance');
    expect(heading.querySelector('[lang="zh-CN"]')!.textContent).toBe('AI 联盟');
    expect(el.querySelector('.gloss-badge')!.textContent).toBe('entity_type_organization');
    expect(el.querySelector('article')!.className).toContain('gloss-type-organization');
    // Sections are labelled by their headings even without a given id.
    const section = el.querySelector('section')!;
    expect(el.querySelector(`#${CSS.escape(section.getAttribute('aria-labelledby')!)}`)!.tagName).toBe('H3');
  });

  it('shows summary, facts and contexts as quotations in the source language', () => {
    const el = mount(<EntityDetails view={view('deepseek')} onOpenSource={() => {}} />);
    const quoted = [...el.querySelectorAll('q, blockquote')].map((q) => [q.getAttribute('lang'), q.textContent]);
    expect(quoted).toContainEqual(['en', 'DeepSeek released DeepSeek-R1 in January.']);
    expect(quoted).toContainEqual(['zh', 'DeepSeek 开源其模型的事实，在提升技术可及性方面发挥了重要作用。']);
    expect(quoted).toContainEqual(['zh', ANNUNZIATA_QUOTE]);
    expect(el.querySelectorAll('h3').length).toBe(4);
  });

  it('shows every quote with speaker, source title, date and a link to the passage', () => {
    const opened: string[] = [];
    const alliance = view('ai-alliance');
    const el = mount(<EntityDetails view={alliance} onOpenSource={(url) => opened.push(url)} />);
    const figure = el.querySelector('figure.gloss-quote')!;
    expect(figure.querySelector('blockquote')!.textContent).toBe(ANNUNZIATA_QUOTE);
    const caption = figure.querySelector('figcaption')!;
    expect(caption.textContent).toBe('— Anthony Annunziata, DeepSeek 发布六个月后, 2025-07-18');
    expect(caption.querySelector('time')!.getAttribute('datetime')).toBe('2025-07-18');
    const link = caption.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(sourceLink(alliance.quotes[0].locator));
    expect(link.getAttribute('aria-label')).toBe('entity_open_passage[DeepSeek 发布六个月后]');
    link.click();
    expect(opened).toEqual([sourceLink(alliance.quotes[0].locator)]);
  });

  it('lets the caller choose the link target', () => {
    const el = mount(
      <EntityDetails view={view('deepseek-r1')} onOpenSource={() => {}} hrefFor={(url) => `chrome-extension://abc${url}`} />,
    );
    expect(el.querySelector('a')!.getAttribute('href')).toMatch(/^chrome-extension:\/\/abc\/source\.html\?source=/);
  });

  it('shows relations with labels, evidence and entity buttons', () => {
    const entities: string[] = [];
    const el = mount(<EntityDetails view={view('ai-alliance')} onOpenSource={() => {}} onEntity={(id) => entities.push(id)} />);
    const items = [...el.querySelectorAll('.gloss-relation')];
    expect(items.map((li) => li.querySelector('.gloss-rel-label')!.textContent)).toEqual([
      'entity_rel_affiliate',
      'entity_rel_founded_by',
      'entity_rel_founded_by',
      'entity_rel_member',
    ]);
    expect(items[1].querySelector('.gloss-evidence q')!.textContent).toBe('AI 联盟是一个由 IBM 和 Meta 发起创立的国际性企业与组织网络');
    items[1].querySelector('button')!.click();
    expect(entities).toEqual(['ibm']);
  });

  it('shows related entities as text without onEntity, and evidence only as a link when compact', () => {
    const el = mount(<EntityDetails view={view('ibm')} onOpenSource={() => {}} compact />);
    expect(el.querySelector('.gloss-relation button')).toBeNull();
    expect(el.querySelector('.gloss-relation .gloss-entity-ref')!.textContent).toBe('Kaoutar El Maghraoui');
    expect(el.querySelector('.gloss-evidence')).toBeNull();
    expect(el.querySelectorAll('.gloss-relation a').length).toBe(3);
  });

  it('announces items left out', () => {
    const el = mount(<EntityDetails view={view('ibm')} onOpenSource={() => {}} more={{ related: 4, quotes: 2 }} />);
    expect([...el.querySelectorAll('.gloss-more')].map((p) => p.textContent)).toEqual(['entity_more[4]']);
  });

  it('renders no speaker button for the entity itself', () => {
    const el = mount(<EntityDetails view={view('kaoutar-el-maghraoui')} onOpenSource={() => {}} onEntity={() => {}} />);
    expect(el.querySelector('figcaption button')).toBeNull();
    expect(el.querySelector('figcaption .gloss-entity-ref')!.textContent).toBe('Kaoutar El Maghraoui');
  });
});

describe('theme', () => {
  it('meets WCAG AA contrast in both schemes', () => {
    for (const scheme of Object.values(THEME)) {
      for (const background of [scheme.bg, scheme.surface]) {
        for (const text of [scheme.fg, scheme.muted, scheme.link]) expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(scheme.focus, background)).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('styles focus and both colour schemes', () => {
    expect(ENTITY_CSS).toContain(':focus-visible');
    expect(ENTITY_CSS).toContain('@media (prefers-color-scheme: dark)');
  });
});

describe('UI strings', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const locales = ['en', 'zh_CN'].map(
    (locale) =>
      [
        locale,
        JSON.parse(readFileSync(resolve(here, `../public/_locales/${locale}/messages.json`), 'utf8')) as Record<
          string,
          { message: string; placeholders?: Record<string, { content: string }> }
        >,
      ] as const,
  );
  const files = ['EntityDetails.tsx', 'Card.tsx', 'SourceView.tsx'].map((file) => readFileSync(resolve(here, file), 'utf8'));
  const used = new Set([
    ...files.flatMap((source) => [...source.matchAll(/\bt\('((?:entity|source)_[a-z0-9_]+)'/g)].map((m) => m[1])),
    ...ENTITY_TYPES.map((type) => `entity_type_${type}`),
    ...RELATION_LABELS.map(relationLabelKey),
  ]);

  it('finds the keys it checks', () => {
    expect(used.size).toBeGreaterThan(40);
  });

  for (const [locale, messages] of locales) {
    it(`has every key in ${locale}, with its placeholders declared`, () => {
      const missing = [...used].filter((key) => !messages[key]?.message);
      expect(missing).toEqual([]);
      for (const key of used) {
        const { message, placeholders = {} } = messages[key];
        for (const [, name] of message.matchAll(/\$([A-Za-z0-9_]+)\$/g)) expect(placeholders).toHaveProperty(name.toLowerCase());
      }
    });
  }
});
