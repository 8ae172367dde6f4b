// The message contract's validators: what a content script or the background acts on, and everything it
// ignores (wrong shapes, wrong types, oversized fields, pages outside Gloss's own).
import { describe, expect, it } from 'vitest';
import { isLibraryMessage, isRuntimeMessage, isTabMessage } from './messages';

const NOT_OBJECTS = [undefined, null, 0, 1, true, 'gloss:matches', Symbol('x'), () => 'gloss:matches'];

describe('isTabMessage', () => {
  it.each([
    { type: 'gloss:matches' },
    { type: 'gloss:quotes' },
    { type: 'gloss:card-state' },
    { type: 'gloss:next-mention' },
    { type: 'gloss:reveal', entityId: 'deepseek' },
  ])('accepts %j', (message) => expect(isTabMessage(message)).toBe(true));

  it.each([
    ...NOT_OBJECTS,
    [],
    ['gloss:matches'],
    {},
    { type: 'gloss:unknown' },
    { type: 'GLOSS:MATCHES' },
    { type: ['gloss:matches'] },
    { type: { toString: (): string => 'gloss:matches' } },
    { kind: 'gloss:matches' },
    { type: 'gloss:reveal' },
    { type: 'gloss:reveal', entityId: 7 },
    { type: 'gloss:reveal', entityId: null },
    { type: 'gloss:reveal', entityId: ['deepseek'] },
    { type: 'gloss:reveal', entityId: 'x'.repeat(200) },
    { type: 'gloss:entity', id: 'deepseek' }, // a runtime message, not a tab message
  ])('rejects %j', (message) => expect(isTabMessage(message)).toBe(false));
});

describe('isRuntimeMessage', () => {
  it.each([
    { type: 'gloss:entity', id: 'deepseek' },
    { type: 'gloss:entity', id: '' },
    { type: 'gloss:open', url: '/source.html' },
    { type: 'gloss:open', url: '/source.html?source=000_x&start=1&end=9' },
    { type: 'gloss:open', url: '/popup.html?q=DeepSeek' },
    { type: 'gloss:check-quotes', quotations: [] },
    { type: 'gloss:check-quotes', quotations: [{ text: '我们看到对开源的兴趣有所增加' }, { text: 'It works.', speakerId: 'larry-li' }] },
  ])('accepts %j', (message) => expect(isRuntimeMessage(message)).toBe(true));

  it.each([
    ...NOT_OBJECTS,
    [],
    {},
    { type: 'gloss:matches' },
    { type: 'gloss:entity' },
    { type: 'gloss:entity', id: 42 },
    { type: 'gloss:entity', id: { id: 'x' } },
    { type: 'gloss:entity', id: 'x'.repeat(200) },
    { type: 'gloss:open' },
    { type: 'gloss:open', url: 7 },
    // Only Gloss's own source and popup pages, by a path: no other page, scheme, host or traversal.
    { type: 'gloss:open', url: 'https://evil.example/source.html' },
    { type: 'gloss:open', url: '//evil.example/source.html' },
    { type: 'gloss:open', url: 'javascript:alert(1)' },
    { type: 'gloss:open', url: 'data:text/html,<script>alert(1)</script>' },
    { type: 'gloss:open', url: 'chrome://settings' },
    { type: 'gloss:open', url: 'source.html' },
    { type: 'gloss:open', url: '/options.html' },
    { type: 'gloss:open', url: '/background.js' },
    { type: 'gloss:open', url: '/../source.html' },
    { type: 'gloss:open', url: '/source.html/../options.html' },
    { type: 'gloss:open', url: '/source.html#frag' },
    { type: 'gloss:open', url: '/source.html?a b' },
    { type: 'gloss:open', url: '/source.html\n' },
    { type: 'gloss:open', url: '/source.html?' + 'x'.repeat(2000) },
    { type: 'gloss:open', url: '/SOURCE.html' },
    { type: 'gloss:check-quotes' },
    { type: 'gloss:check-quotes', quotations: 'text' },
    { type: 'gloss:check-quotes', quotations: [null] },
    { type: 'gloss:check-quotes', quotations: [{ text: 7 }] },
    { type: 'gloss:check-quotes', quotations: [{ text: 'x', speakerId: 7 }] },
    { type: 'gloss:check-quotes', quotations: [{ text: 'x'.repeat(4001) }] },
    { type: 'gloss:check-quotes', quotations: Array.from({ length: 201 }, () => ({ text: 'x' })) },
  ])('rejects %j', (message) => expect(isRuntimeMessage(message)).toBe(false));
});

describe('isLibraryMessage', () => {
  it.each([
    { type: 'gloss:add-page', tabId: 3 },
    { type: 'gloss:accept', sourceId: 'u-0123456789abcdef', names: ['Mistral Forge', '华为'] },
    { type: 'gloss:accept', sourceId: 'u-0123456789abcdef', choices: [{ name: 'Deep Seek Labs', mergeInto: 'deepseek' }] },
    { type: 'gloss:library' },
    { type: 'gloss:remove-source', sourceId: 'u-0123456789abcdef' },
    { type: 'gloss:export-library' },
    { type: 'gloss:import-library', data: '{"format":"gloss-library"}' },
    { type: 'gloss:import-library', data: { format: 'gloss-library' } },
    { type: 'gloss:add-document', file: 'notes.md', parsed: { paragraphs: ['One.'], metadata: { title: 'Notes' }, warnings: [] } },
  ])('accepts %j', (message) => expect(isLibraryMessage(message)).toBe(true));

  it.each([
    { type: 'gloss:add-page', tabId: -1 },
    { type: 'gloss:add-page', tabId: '3' },
    { type: 'gloss:accept', sourceId: '', names: ['x'] },
    { type: 'gloss:accept', sourceId: 'u-1', names: [''] },
    { type: 'gloss:accept', sourceId: 'u-1', choices: [{ name: 'X', type: 'alien' }] },
    { type: 'gloss:accept', sourceId: 'u-1', names: Array.from({ length: 501 }, (_, i) => `n${i}`) },
    { type: 'gloss:remove-source' },
    { type: 'gloss:add-document', file: 'a.txt', parsed: { paragraphs: 'One.', metadata: {}, warnings: [] } },
    { type: 'gloss:import-library', data: 42 },
    { type: 'gloss:library-drop' },
  ])('rejects %j', (message) => expect(isLibraryMessage(message)).toBe(false));
});
