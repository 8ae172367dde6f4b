// `npm run highlight-css`: writes the content script's ::highlight() stylesheet from the type palette.
import { writeFileSync } from 'node:fs';
import { highlightStylesheet } from '../utils/page/painter';

writeFileSync('entrypoints/content/highlights.css', highlightStylesheet());
console.log('wrote entrypoints/content/highlights.css');
