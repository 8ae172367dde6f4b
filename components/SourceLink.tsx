// The link from a passage to its place in the source view, for every card and page that shows a passage.
// Clicks go through `onOpenSource`: a content page must never navigate to the extension-relative URL itself.
import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { t } from '../utils/i18n';
import { sourceLink, type Passage } from '../utils/view/entity-view';

export interface SourceLinkProps {
  passage: Passage;
  /** Opens a source view URL (extension-relative, from `sourceLink`); the caller decides where. */
  onOpenSource(url: string): void;
  /** The href; a content script passes browser.runtime.getURL so it never resolves against the web page. */
  hrefFor?(url: string): string;
  children: ComponentChildren;
}

export function SourceLink({ passage, onOpenSource, hrefFor, children }: SourceLinkProps) {
  const url = sourceLink(passage.locator);
  const open = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    // Middle clicks too.
    if (event.button > 1) return;
    event.preventDefault();
    onOpenSource(url);
  };
  const label = t('entity_open_passage', passage.source.title);
  return (
    <a class="gloss-src-link" href={hrefFor ? hrefFor(url) : url} onClick={open} onAuxClick={open} aria-label={label} title={label}>
      {children}
    </a>
  );
}
