import { describe, expect, it } from 'vitest';
import type { EntityView } from '../view/entity-view';
import { EXTRAS_GLOBAL, lazyCardPort, registeredScript, type PageExtras } from './extras';
import type { CardPort } from './session';

const HOST = {} as EventTarget;
const anchor = { top: 0, left: 0, bottom: 10, right: 10, width: 10, height: 10 } as DOMRect;
const view = (id: string) => ({ id }) as EntityView;

function recordingCard(calls: string[]): CardPort {
  let open = false;
  return {
    show: (v) => void (calls.push(`show ${v.id}`), (open = true)),
    showQuote: () => void calls.push('quote'),
    reposition: () => void calls.push('reposition'),
    hide: () => void (calls.push('hide'), (open = false)),
    owns: (target) => target === HOST,
    host: null,
    get open() {
      return open;
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('lazyCardPort', () => {
  it('makes the card at the first show, not before, and then shows what was asked', async () => {
    const calls: string[] = [];
    let made = 0;
    const port = lazyCardPort(async () => (made++, recordingCard(calls)));
    expect(port.open).toBe(false);
    expect(port.owns(HOST)).toBe(false);
    port.reposition(anchor);
    port.hide();
    expect(made).toBe(0);
    port.show(view('a'), anchor, { focus: false });
    await Promise.resolve();
    await Promise.resolve();
    expect(made).toBe(1);
    expect(calls).toEqual(['show a']);
    expect(port.open).toBe(true);
    expect(port.owns(HOST)).toBe(true);
    port.show(view('b'), anchor, { focus: false });
    expect(calls).toEqual(['show a', 'show b']);
    expect(made).toBe(1);
  });

  it('while the card is being made, only the last show counts, and a hide cancels it', async () => {
    const calls: string[] = [];
    const making = deferred<CardPort>();
    const port = lazyCardPort(() => making.promise);
    port.show(view('a'), anchor, { focus: false });
    port.show(view('b'), anchor, { focus: false });
    port.hide();
    making.resolve(recordingCard(calls));
    await making.promise;
    await Promise.resolve();
    expect(calls).toEqual([]);
    port.show(view('c'), anchor, { focus: false });
    expect(calls).toEqual(['show c']);
  });

  it('a card that cannot be made shows nothing, throws nothing, and is tried again at the next show', async () => {
    const calls: string[] = [];
    let attempts = 0;
    const port = lazyCardPort(async () => {
      if (++attempts === 1) throw new Error('blocked');
      return recordingCard(calls);
    });
    port.show(view('a'), anchor, { focus: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([]);
    port.show(view('b'), anchor, { focus: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(attempts).toBe(2);
    expect(calls).toEqual(['show b']);
  });
});

describe('registeredScript', () => {
  const extras = { createCardUi: () => null } as unknown as PageExtras;

  it('loads once and answers what the script registered on the given global', async () => {
    const global: Record<string, unknown> = {};
    let loads = 0;
    const load = registeredScript<PageExtras>(
      EXTRAS_GLOBAL,
      async () => {
        loads++;
        global[EXTRAS_GLOBAL] = extras;
      },
      global,
    );
    expect(await load()).toBe(extras);
    expect(await load()).toBe(extras);
    expect(loads).toBe(1);
  });

  it('a script that did not register itself is an error, and a failed load is tried again', async () => {
    const global: Record<string, unknown> = {};
    let loads = 0;
    const load = registeredScript<PageExtras>(
      EXTRAS_GLOBAL,
      async () => {
        if (++loads === 2) global[EXTRAS_GLOBAL] = extras;
      },
      global,
    );
    await expect(load()).rejects.toThrow(/did not register/);
    expect(await load()).toBe(extras);
    expect(loads).toBe(2);
  });
});
