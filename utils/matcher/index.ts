export { createMatcher, createScanState, findMentions, CONTEXT_WINDOW } from './matcher';
export type { Matcher, Mention, ScanState } from './matcher';
export { foldText } from './fold';
export { isCjk, isWordChar } from './boundaries';
