import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_FILE, tableSource, traditionalPairs } from './traditional-table';

describe('the Traditional → Simplified table', () => {
  it('is in step with opencc-js (npm run traditional-table)', () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(tableSource());
  });

  it('holds one-unit pairs only, each character once, with the regional variants', () => {
    const pairs = traditionalPairs();
    expect(pairs.length).toBeGreaterThan(2900);
    expect(pairs.every(([from, to]) => from.length === 1 && to.length === 1 && from !== to)).toBe(true);
    expect(new Set(pairs.map(([from]) => from)).size).toBe(pairs.length);
    const map = new Map(pairs);
    expect(map.get('開')).toBe('开');
    expect(map.get('爲')).toBe('为'); // standard Traditional
    expect(map.get('為')).toBe('为'); // Taiwan's form
    expect(map.get('衞')).toBe('卫'); // Hong Kong's form
  });
});
