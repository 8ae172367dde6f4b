export { createMatcher, compiledNames, createScanState, findMentions, wouldPrepareSegmenter, CONTEXT_WINDOW, CARRY_UP_TO } from './matcher';
export type { Matcher, Mention, ScanState } from './matcher';
export { foldText } from './fold';
export { writtenForms } from './written-forms';
export { isWordChar, prepareSegmenter } from './boundaries';
