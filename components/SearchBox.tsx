// The popup's search field: an ARIA 1.2 combobox whose listbox (SearchResults) keeps focus in the field and
// points at the active option with aria-activedescendant, so typing and arrowing never fight over focus.
import type { Ref, TargetedKeyboardEvent } from 'preact';

export interface SearchBoxProps {
  value: string;
  onInput(value: string): void;
  /** Moves the active option by -1 or +1. */
  onMove(delta: -1 | 1): void;
  /** Enter: open the active option. */
  onChoose(): void;
  /** Escape with text in the field. */
  onClear(): void;
  label: string;
  placeholder?: string;
  listboxId: string;
  /** Whether the listbox is shown. */
  expanded: boolean;
  activeId?: string;
  /** Id of a short usage hint, read after the label. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function SearchBox(props: SearchBoxProps) {
  const { value, onInput, onMove, onChoose, onClear, label, placeholder } = props;
  const { listboxId, expanded, activeId, describedBy, inputRef } = props;

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    // Composing CJK text: the keys belong to the input method.
    if (event.isComposing || event.keyCode === 229) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault(); // not the caret
        onMove(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter':
        event.preventDefault();
        onChoose();
        break;
      case 'Escape':
        // With text, Escape clears it; without, it falls through and the browser closes the popup.
        if (value) {
          event.preventDefault();
          event.stopPropagation();
          onClear();
        }
        break;
    }
  };

  return (
    <div class="gloss-search">
      <svg class="gloss-search-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <circle cx="6.5" cy="6.5" r="4.75" fill="none" stroke="currentColor" stroke-width="1.6" />
        <path d="M10 10l4.2 4.2" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
      </svg>
      <input
        ref={inputRef}
        // text, not search: ARIA in HTML allows role=combobox on a text input without a datalist only.
        type="text"
        role="combobox"
        enterKeyHint="search"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={expanded && activeId ? activeId : undefined}
        aria-describedby={describedBy}
        placeholder={placeholder}
        autocomplete="off"
        spellcheck={false}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
