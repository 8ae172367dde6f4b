// The options page's Sources section: the user's library (import files, review a source's proposed names,
// remove a source, export and import the whole library). Renders what it is given; every change goes through
// the `library` callbacks (hooks/use-library.ts), which the background carries out.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Candidate, FileOutcome } from '../hooks/use-library';
import type { LibraryListing, NameChoice } from '../utils/library/service';
import { IMPORTABLE_EXTENSIONS } from '../utils/library/read-file';
import { LIBRARY_FILE_NAME } from '../utils/library/exchange';
import { t } from '../utils/i18n';
import { ENTITY_TYPES, type EntityType } from '../utils/types';

export interface SourcesLibrary {
  listing: LibraryListing | undefined;
  importFiles(files: File[], progress: (done: number) => void): Promise<FileOutcome[]>;
  candidates(sourceId: string): Promise<Candidate[]>;
  accept(sourceId: string, choices: NameChoice[]): Promise<{ id: string; name: string }[]>;
  remove(sourceId: string): Promise<void>;
  exportLibrary(fileName: string): Promise<void>;
  importLibrary(file: File): Promise<{ added: number; merged: number }>;
}

export interface SourcesProps {
  library: SourcesLibrary;
  /** A source whose names to review at once (the page just added from the toolbar or context menu). */
  reviewSourceId?: string;
  /** An error to show at once (adding from the context menu failed). */
  initialError?: string;
  announce(message: string): void;
  openSource(sourceId: string): void;
  confirm(question: string): boolean;
}

interface Draft {
  accept: boolean;
  displayName: string;
  type: EntityType;
  mergeInto: string;
}

export function Sources({ library, reviewSourceId, initialError, announce, openSource, confirm }: SourcesProps) {
  const { listing } = library;
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const [error, setError] = useState(initialError ?? '');
  const [review, setReview] = useState<{ sourceId: string; candidates: Candidate[]; drafts: Draft[] } | undefined>();
  const reviewHeading = useRef<HTMLHeadingElement>(null);

  const fail = (cause: unknown) => setError(t('sources_error', cause instanceof Error ? cause.message : String(cause)));
  const openReview = async (sourceId: string) => {
    setError('');
    try {
      const candidates = await library.candidates(sourceId);
      setReview({
        sourceId,
        candidates,
        drafts: candidates.map((c) => ({ accept: false, displayName: c.name, type: c.type ?? 'organization', mergeInto: '' })),
      });
    } catch (cause) {
      fail(cause);
    }
  };
  useEffect(() => {
    if (reviewSourceId) void openReview(reviewSourceId);
  }, [reviewSourceId]);
  useEffect(() => {
    if (review) reviewHeading.current?.focus();
  }, [review?.sourceId]);

  const importFiles = async (files: File[]) => {
    if (!files.length) return;
    setError('');
    setProgress({ done: 0, total: files.length });
    const results = await library.importFiles(files, (done) => setProgress({ done, total: files.length }));
    setProgress(undefined);
    setOutcomes(results);
    const added = results.filter((r) => r.sourceId && !r.existing).length;
    const existing = results.filter((r) => r.existing).length;
    announce(t('sources_imported', [String(added), String(existing), String(results.length - added - existing)]));
    const first = results.find((r) => r.sourceId && !r.existing);
    if (first?.sourceId) await openReview(first.sourceId);
  };

  const setDraft = (i: number, change: Partial<Draft>) =>
    setReview((current) => current && { ...current, drafts: current.drafts.map((d, j) => (j === i ? { ...d, ...change } : d)) });

  const acceptSelected = async () => {
    if (!review) return;
    const choices = review.candidates.flatMap((candidate, i): NameChoice[] => {
      const draft = review.drafts[i];
      if (!draft.accept) return [];
      if (draft.mergeInto) return [{ name: candidate.name, mergeInto: draft.mergeInto }];
      return [
        {
          name: candidate.name,
          type: draft.type,
          ...(draft.displayName.trim() !== candidate.name ? { displayName: draft.displayName.trim() } : {}),
        },
      ];
    });
    if (!choices.length) return;
    try {
      const accepted = await library.accept(review.sourceId, choices);
      announce(t('sources_accepted', accepted.map((e) => e.name).join(', ')));
      await openReview(review.sourceId);
    } catch (cause) {
      fail(cause);
    }
  };

  const remove = async (id: string, title: string) => {
    if (!confirm(t('sources_remove_confirm', title))) return;
    try {
      await library.remove(id);
      if (review?.sourceId === id) setReview(undefined);
      announce(t('sources_removed', title));
    } catch (cause) {
      fail(cause);
    }
  };

  const importLibrary = async (file: File | undefined) => {
    if (!file) return;
    setError('');
    try {
      const { added, merged } = await library.importLibrary(file);
      announce(t('sources_library_imported', [String(added), String(merged)]));
    } catch (cause) {
      fail(cause);
    }
  };

  const userSources = listing?.sources.filter((s) => !s.bundled) ?? [];
  const bundledSources = listing?.sources.filter((s) => s.bundled) ?? [];
  const namesOf = (sourceId: string) => listing?.entities.filter((e) => e.sources.includes(sourceId)).length ?? 0;
  const reviewed = review && listing?.sources.find((s) => s.id === review.sourceId);
  const entities = [...(listing?.entities ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section aria-labelledby="opt-sources" id="sources">
      <h2 id="opt-sources">{t('sources_title')}</h2>
      <p class="gloss-hint">{t('sources_intro')}</p>

      <div class="gloss-buttons">
        <label class="gloss-button gloss-file">
          {t('sources_import_files')}
          <input
            type="file"
            multiple
            accept={IMPORTABLE_EXTENSIONS.join(',')}
            onChange={(event) => {
              const input = event.currentTarget;
              void importFiles([...(input.files ?? [])]).finally(() => (input.value = ''));
            }}
          />
        </label>
        <button type="button" class="gloss-button" onClick={() => void library.exportLibrary(LIBRARY_FILE_NAME).catch(fail)}>
          {t('sources_export')}
        </button>
        <label class="gloss-button gloss-file">
          {t('sources_import_library')}
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const input = event.currentTarget;
              void importLibrary(input.files?.[0]).finally(() => (input.value = ''));
            }}
          />
        </label>
      </div>

      {progress && (
        <p class="gloss-progress">
          <progress
            max={progress.total}
            value={progress.done}
            aria-label={t('sources_importing', [String(progress.done + 1), String(progress.total)])}
          />
          <span>{t('sources_importing', [String(Math.min(progress.done + 1, progress.total)), String(progress.total)])}</span>
        </p>
      )}
      {error && (
        <p class="gloss-error" role="alert">
          {error}
        </p>
      )}
      {outcomes.some((o) => o.error) && (
        <ul class="gloss-file-errors" role="alert">
          {outcomes
            .filter((o) => o.error)
            .map((o) => (
              <li key={o.file}>{o.error}</li>
            ))}
        </ul>
      )}

      {review && reviewed && (
        <div class="gloss-review" aria-labelledby="gloss-review-title">
          <h3 id="gloss-review-title" tabIndex={-1} ref={reviewHeading}>
            {t('sources_candidates_title', reviewed.title)}
          </h3>
          {review.candidates.length === 0 ? (
            <p class="gloss-hint">{t('sources_candidates_none')}</p>
          ) : (
            <>
              <ul class="gloss-candidates">
                {review.candidates.map((candidate, i) => {
                  const draft = review.drafts[i];
                  const id = `gloss-candidate-${i}`;
                  return (
                    <li key={candidate.name} class="gloss-candidate">
                      <label class="gloss-candidate-head">
                        <input type="checkbox" checked={draft.accept} onChange={(e) => setDraft(i, { accept: e.currentTarget.checked })} />
                        <strong lang={reviewed.lang}>{candidate.name}</strong>
                        <span class="gloss-muted">{t('sources_candidate_count', String(candidate.count))}</span>
                      </label>
                      <blockquote class="gloss-candidate-sentence" lang={reviewed.lang}>
                        {candidate.sentenceText}
                      </blockquote>
                      {draft.accept && (
                        <div class="gloss-candidate-fields">
                          <label>
                            {t('sources_candidate_merge')}{' '}
                            <select
                              id={`${id}-merge`}
                              value={draft.mergeInto}
                              onChange={(e) => setDraft(i, { mergeInto: e.currentTarget.value })}
                            >
                              <option value="">{t('sources_candidate_new')}</option>
                              {entities.map((entity) => (
                                <option key={entity.id} value={entity.id}>
                                  {entity.name}
                                </option>
                              ))}
                            </select>
                          </label>
                          {!draft.mergeInto && (
                            <>
                              <label>
                                {t('sources_candidate_name')}{' '}
                                <input
                                  type="text"
                                  value={draft.displayName}
                                  onInput={(e) => setDraft(i, { displayName: e.currentTarget.value })}
                                />
                              </label>
                              <label>
                                {t('sources_candidate_type')}{' '}
                                <select value={draft.type} onChange={(e) => setDraft(i, { type: e.currentTarget.value as EntityType })}>
                                  {ENTITY_TYPES.map((type) => (
                                    <option key={type} value={type}>
                                      {t(`entity_type_${type}`)}
                                    </option>
                                  ))}
                                </select>
                              </label>
                            </>
                          )}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
              <button
                type="button"
                class="gloss-button"
                disabled={!review.drafts.some((d) => d.accept)}
                onClick={() => void acceptSelected()}
              >
                {t('sources_accept_selected')}
              </button>
            </>
          )}
        </div>
      )}

      {listing && userSources.length === 0 && <p class="gloss-hint">{t('sources_empty')}</p>}
      <ul class="gloss-sources">
        {[...userSources, ...bundledSources].map((source) => (
          <li key={source.id} class="gloss-source">
            <div class="gloss-source-title" lang={source.lang}>
              {source.title}
            </div>
            <div class="gloss-muted">
              {[
                source.date,
                source.url ? hostOf(source.url) : source.bundled ? '' : source.file,
                source.bundled ? t('sources_bundled') : t('sources_added_on', source.addedAt!.slice(0, 10)),
                t('sources_entities', String(namesOf(source.id))),
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
            <div class="gloss-buttons">
              <button type="button" class="gloss-button gloss-small" onClick={() => openSource(source.id)}>
                {t('sources_open')}
              </button>
              {!source.bundled && (
                <>
                  <button type="button" class="gloss-button gloss-small" onClick={() => void openReview(source.id)}>
                    {t('sources_review')}
                  </button>
                  <button type="button" class="gloss-button gloss-small" onClick={() => void remove(source.id, source.title)}>
                    {t('sources_remove')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
