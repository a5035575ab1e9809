// A Markdown document's problems and warnings (previewDraftMarkdown, or an import refused) in the reader's words:
// each code has a sentence in every language, filled with the values the server names; an unknown code keeps the
// server's English sentence.
import type { TFunction } from 'i18next';
import type { en } from '../../i18n/areas/drafting';
import { i18n } from '../../i18n/i18n';

type Code = keyof typeof en.drafting.problem;

export interface DocumentProblem {
  line: number;
  code: string;
  message: string;
  params?: { name: string; value: string }[];
}

const CODES = new Set([
  'NO_SECTION',
  'TEXT_BEFORE_SECTION',
  'GUIDELINE_BEFORE_SECTION',
  'TEXT_OUTSIDE_GUIDELINE',
  'SECTION_HEADING',
  'TITLE_NOT_FIRST',
  'SUBHEADING_WITHOUT_GUIDELINE',
  'DUPLICATE',
  'LENGTH',
  'TOO_LONG',
  'TOO_MANY',
  'SUBHEADING_KEPT',
  'LIST_KEYS_BY_SECTION',
  'TITLE_SET',
  'TITLE_KEPT',
]);

/** "Line 5: text outside any guideline; start …" */
export function problemSentence(t: TFunction, p: DocumentProblem): string {
  if (!CODES.has(p.code)) return p.message;
  // The kinds of thing a problem is about, in the reader's words.
  const words = (group: 'what' | 'attribute', value: string) => {
    if (group === 'what') return i18n.exists(`drafting.what.${value}`) ? t(`drafting.what.${value as keyof typeof en.drafting.what}`) : value;
    return i18n.exists(`drafting.attribute.${value}`) ? t(`drafting.attribute.${value as keyof typeof en.drafting.attribute}`) : value;
  };
  const params = Object.fromEntries(
    (p.params ?? []).map((x) => [x.name, x.name === 'what' ? words('what', x.value) : x.name === 'attribute' ? words('attribute', x.value) : x.value]),
  );
  const key: `drafting.problem.${Code}` = `drafting.problem.${p.code as Code}`;
  // The values are the problem's own (numbers, headings): any of them fills the sentence that names it.
  return (t as unknown as (key: string, values: Record<string, string>) => string)(key, params);
}

/** The character offsets of a 1-based line of a text (to select it in the editor). */
export function lineRange(text: string, line: number): [number, number] {
  const lines = text.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let start = 0;
  for (let i = 0; i < index; i++) start += lines[i].length + 1;
  return [start, start + lines[index].length];
}
