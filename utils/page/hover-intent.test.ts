import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent } from './hover-intent';

describe('createHoverIntent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const events: string[] = [];
    const intent = createHoverIntent<string>({
      showDelayMs: () => 300,
      hideDelayMs: 200,
      setTimer: (fn, ms) => setTimeout(fn, ms) as unknown as number,
      clearTimer: (id) => clearTimeout(id),
      onShow: (t) => events.push(`show ${t}`),
      onHide: () => events.push('hide'),
    });
    return { intent, events };
  };

  it('shows only after the pointer rests on a mention', () => {
    const { intent, events } = setup();
    intent.pointerAt('a');
    vi.advanceTimersByTime(299);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['show a']);
  });

  it('does not show for a pointer passing over', () => {
    const { intent, events } = setup();
    intent.pointerAt('a');
    vi.advanceTimersByTime(100);
    intent.pointerAt(null);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual([]);
  });

  it('stays open while the pointer moves into the card, and hides after a grace when it leaves', () => {
    const { intent, events } = setup();
    intent.open('a');
    intent.pointerAt(null);
    vi.advanceTimersByTime(150);
    intent.pointerAt(null, true);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['show a']);
    intent.pointerAt(null);
    vi.advanceTimersByTime(200);
    expect(events).toEqual(['show a', 'hide']);
    expect(intent.shown).toBeNull();
  });

  it('switches to another mention after the intent delay', () => {
    const { intent, events } = setup();
    intent.open('a');
    intent.pointerAt('b');
    vi.advanceTimersByTime(300);
    expect(events).toEqual(['show a', 'show b']);
  });

  it('closes at once', () => {
    const { intent, events } = setup();
    intent.open('a');
    intent.close();
    expect(events).toEqual(['show a', 'hide']);
  });
});
