// A three-entity matcher for tests of the page side (annotator, session): a model, a person, an organisation.
import { createMatcher } from '../matcher';
import type { MatcherData } from '../types';

export const PAGE_MATCHER_DATA: MatcherData = {
  entities: [
    { id: 'deepseek-r1', type: 'model' },
    { id: 'kai-fu-lee', type: 'person' },
    { id: 'ibm', type: 'organization' },
  ],
  aliases: [
    { text: 'DeepSeek-R1', entity: 0, case: 'exact' },
    { text: 'Kai-Fu Lee', entity: 1, case: 'exact' },
    { text: 'Lee', entity: 1, case: 'exact', short: true },
    { text: 'IBM', entity: 2, case: 'exact' },
  ],
};

export const pageMatcher = () => createMatcher(PAGE_MATCHER_DATA);
