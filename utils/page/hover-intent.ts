// When the card shows and hides: after the pointer rests on a mention for a moment (intent), and not the
// instant it leaves (grace), so that moving from the mention into the card keeps it open.

export interface HoverIntentOptions<T> {
  showDelayMs: () => number;
  hideDelayMs: number;
  setTimer: (fn: () => void, ms: number) => number;
  clearTimer: (id: number) => void;
  onShow: (target: T) => void;
  onHide: () => void;
}

export interface HoverIntent<T> {
  /** The pointer is over `target` (a mention), or over nothing of ours (null), or over the card. */
  pointerAt(target: T | null, overCard?: boolean): void;
  /** Opens at once (keyboard), or closes at once (Escape). */
  open(target: T): void;
  close(): void;
  readonly shown: T | null;
}

export function createHoverIntent<T>(options: HoverIntentOptions<T>): HoverIntent<T> {
  let shown: T | null = null;
  let pending: T | null = null;
  let showTimer = 0;
  let hideTimer = 0;

  const cancelShow = () => {
    if (showTimer) options.clearTimer(showTimer);
    showTimer = 0;
    pending = null;
  };
  const cancelHide = () => {
    if (hideTimer) options.clearTimer(hideTimer);
    hideTimer = 0;
  };
  const show = (target: T) => {
    cancelShow();
    cancelHide();
    shown = target;
    options.onShow(target);
  };
  const hide = () => {
    cancelShow();
    cancelHide();
    if (shown === null) return;
    shown = null;
    options.onHide();
  };

  return {
    pointerAt(target, overCard = false) {
      if (overCard || (target !== null && target === shown)) {
        cancelHide();
        if (target === null || target === shown) cancelShow();
        return;
      }
      if (target === null) {
        cancelShow();
        if (shown !== null && !hideTimer) hideTimer = options.setTimer(hide, options.hideDelayMs);
        return;
      }
      if (target === pending) return;
      cancelShow();
      pending = target;
      showTimer = options.setTimer(() => show(target), options.showDelayMs());
    },
    open: show,
    close: hide,
    get shown() {
      return shown;
    },
  };
}
