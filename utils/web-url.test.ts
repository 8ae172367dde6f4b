import { describe, expect, it } from 'vitest';
import { webUrl } from './web-url';

describe('webUrl', () => {
  it('accepts absolute http(s) URLs', () => {
    expect(webUrl('https://example.com/a?b#c')?.href).toBe('https://example.com/a?b#c');
    expect(webUrl('http://127.0.0.1:8080/')?.hostname).toBe('127.0.0.1');
  });

  it('refuses every other scheme, relative and malformed values', () => {
    for (const value of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'chrome://settings',
      '/source.html',
      'example.com',
      '',
      undefined,
      null,
      'http//x',
    ]) {
      expect(webUrl(value), String(value)).toBeUndefined();
    }
  });
});
