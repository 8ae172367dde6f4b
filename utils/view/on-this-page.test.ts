import { describe, expect, it } from 'vitest';
import { asMatchesResponse, pageEntities, pageHostname } from './on-this-page';
import { fixtureIndex } from '../testing/fixture-index';

describe('pageEntities', () => {
  it('counts mentions per entity in order of first appearance and skips unknown ids', () => {
    const response = {
      url: 'https://example.com/',
      complete: true,
      matches: ['ibm', 'deepseek', 'ibm', 'gone', 'kai-fu-lee', 'deepseek', 'ibm'].map((entityId) => ({ entityId, text: entityId })),
    };
    expect(pageEntities(fixtureIndex(), response)).toEqual([
      { entityId: 'ibm', name: 'IBM', type: 'organization', count: 3 },
      { entityId: 'deepseek', name: 'DeepSeek', type: 'organization', count: 2 },
      { entityId: 'kai-fu-lee', name: 'Kai-Fu Lee', type: 'person', count: 1 },
    ]);
  });
});

describe('asMatchesResponse', () => {
  it('accepts a well-formed answer and drops malformed matches', () => {
    expect(asMatchesResponse({ url: 'u', complete: false, matches: [{ entityId: 'a', text: 'A' }, null, { text: 'x' }] })).toEqual({
      url: 'u',
      complete: false,
      matches: [{ entityId: 'a', text: 'A' }],
    });
  });

  it.each([undefined, null, 'x', {}, { complete: true }, { complete: 'yes', matches: [] }])('rejects %j', (value) => {
    expect(asMatchesResponse(value)).toBeUndefined();
  });
});

describe('pageHostname', () => {
  it('takes web pages only', () => {
    expect(pageHostname('https://www.example.com/a?b')).toBe('www.example.com');
    expect(pageHostname('http://localhost:8080/')).toBe('localhost');
    expect(pageHostname('chrome://extensions')).toBe('');
    expect(pageHostname('file:///tmp/a.html')).toBe('');
    expect(pageHostname('not a url')).toBe('');
    expect(pageHostname(undefined)).toBe('');
  });
});
