import { detect } from 'tinyld';
import type { Language } from '@tripartite/domain';

const DETECTED: Readonly<Record<string, Language>> = { en: 'EN', fr: 'FR', es: 'ES' };
const CANDIDATES = Object.keys(DETECTED);

/** Below this a text is too short to tell (tinyld calls "A comment on 2.1" French). */
export const DETECTION_MIN_WORDS = 4;
export const DETECTION_MIN_LETTERS = 20;
/** The start of a long text says its language as well as the whole, and bounds the submit's work. */
export const DETECTION_SAMPLE = 2000;

/** The language of the text among EN, FR and ES; null when the text is too short or undecidable. */
export function detectLanguage(...texts: (string | null | undefined)[]): Language | null {
  const text = texts
    .filter((t): t is string => !!t)
    .join('\n')
    .slice(0, DETECTION_SAMPLE);
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < DETECTION_MIN_WORDS || words.join('').length < DETECTION_MIN_LETTERS) return null;
  return DETECTED[detect(text, { only: CANDIDATES })] ?? null;
}

/**
 * A comment's language: the one its author gave, else the one its text is written in, else `fallback`
 * (on submit the author's language; on an edit the comment's language so far).
 */
export function commentLanguage(
  given: Language | null | undefined,
  text: { body: string; proposedText?: string | null },
  fallback: Language | null,
): Language | null {
  return given ?? detectLanguage(text.body, text.proposedText) ?? fallback;
}
