import { describe, expect, it } from 'vitest';
import { placeCard } from './place-card';

const viewport = { width: 1000, height: 800 };
const card = { width: 360, height: 300 };

describe('placeCard', () => {
  it('puts the card below the mention when it fits', () => {
    const p = placeCard({ left: 100, top: 100, width: 80, height: 20 }, card, viewport);
    expect(p).toMatchObject({ left: 100, top: 126, above: false });
  });

  it('flips above near the bottom edge', () => {
    const p = placeCard({ left: 100, top: 700, width: 80, height: 20 }, card, viewport);
    expect(p.above).toBe(true);
    expect(p.top + 300).toBeLessThanOrEqual(700);
  });

  it('shifts left near the right edge and never starts off screen', () => {
    expect(placeCard({ left: 950, top: 100, width: 40, height: 20 }, card, viewport).left).toBe(1000 - 8 - 360);
    expect(placeCard({ left: -50, top: 100, width: 40, height: 20 }, card, viewport).left).toBe(8);
  });

  it('limits the height to the room there is on a small viewport', () => {
    const p = placeCard({ left: 10, top: 150, width: 40, height: 20 }, card, { width: 320, height: 320 });
    expect(p.maxHeight).toBeLessThan(300);
    expect(p.top).toBeGreaterThanOrEqual(8);
  });
});
