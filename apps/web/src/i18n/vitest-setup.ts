// The unit tests run without main.tsx, which waits for the reader's words before the first render: English, the
// words the tests read, is loaded here before each test file (apps/web/vitest.config.mts).
import { loadLanguage } from './i18n';

await loadLanguage('EN');
