// The unit tests run without main.tsx, which waits for the reader's words before the first render: English, the
// words the tests read, is loaded here before each test file (apps/web/vitest.config.mts), with every area's.
import { AREAS, type Area } from './areas';
import { loadAreas, loadLanguage } from './i18n';

await Promise.all([loadLanguage('EN'), loadAreas(Object.keys(AREAS) as Area[])]);
