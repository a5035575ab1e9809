// The content of a version as the secretariat writes it, and the rules it must follow.
// Pure: shared by saveDraft and the Markdown import so both write the same way.
import { TEXT_MAX, charLength } from '@tripartite/domain';

export interface GuidelineData {
  /** Omitted or blank: derived from number. */
  key?: string | null;
  number: string;
  title?: string | null;
  text: string;
}

export interface SectionData {
  number: string;
  heading: string;
  guidelines: GuidelineData[];
}

export interface CleanGuideline {
  key: string;
  number: string;
  title: string | null;
  text: string;
}

export interface CleanSection {
  number: string;
  heading: string;
  guidelines: CleanGuideline[];
}

/** One rule broken, located by index so a caller can name it as a field path or a source line. */
export interface ContentProblem {
  section: number;
  guideline?: number;
  attribute: 'number' | 'heading' | 'key' | 'title' | 'text';
  /** duplicate: another section or guideline has it already; length: empty, too long, or not on one line. */
  kind: 'duplicate' | 'length';
  message: string;
}

export const LIMITS = {
  sectionNumber: TEXT_MAX.label,
  heading: TEXT_MAX.title,
  guidelineNumber: TEXT_MAX.label,
  key: TEXT_MAX.code,
  title: TEXT_MAX.title,
  text: TEXT_MAX.prose,
} as const;

/** The stable key of a guideline when none is given: its number without a trailing '.'. */
export function keyFromNumber(number: string): string {
  return number.trim().replace(/\.+$/, '');
}

const SINGLE_LINE = /^[^\r\n\u0000-\u001f\u007f]*$/;

export function fieldPath(p: ContentProblem): string {
  const base = `sections[${p.section}]`;
  return p.guideline === undefined ? `${base}.${p.attribute}` : `${base}.guidelines[${p.guideline}].${p.attribute}`;
}

/** Trims and checks every section and guideline; reports every problem, not just the first. */
export function cleanContent(sections: readonly SectionData[]): { sections: CleanSection[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const sectionNumbers = new Map<string, number>();
  const keys = new Map<string, string>();
  const clean = sections.map((s, si): CleanSection => {
    const problem = (attribute: ContentProblem['attribute'], message: string, guideline?: number) =>
      problems.push({ section: si, guideline, attribute, message, kind: message.includes('already') ? 'duplicate' : 'length' });
    const number = s.number.trim();
    const heading = s.heading.trim();
    if (!lengthBetween(number, 1, LIMITS.sectionNumber) || !SINGLE_LINE.test(number)) {
      problem('number', `must be 1 to ${LIMITS.sectionNumber} characters on one line`);
    } else if (sectionNumbers.has(number)) {
      problem('number', `"${number}" is already the number of sections[${sectionNumbers.get(number)}]`);
    } else {
      sectionNumbers.set(number, si);
    }
    if (!lengthBetween(heading, 1, LIMITS.heading) || !SINGLE_LINE.test(heading)) {
      problem('heading', `must be 1 to ${LIMITS.heading} characters on one line`);
    }
    const guidelines = s.guidelines.map((g, gi): CleanGuideline => {
      const gNumber = g.number.trim();
      const key = g.key?.trim() ? g.key.trim() : keyFromNumber(gNumber);
      const title = g.title?.trim() || null;
      const text = g.text.trim();
      if (!lengthBetween(gNumber, 1, LIMITS.guidelineNumber) || !SINGLE_LINE.test(gNumber)) {
        problem('number', `must be 1 to ${LIMITS.guidelineNumber} characters on one line`, gi);
      }
      const where = `sections[${si}].guidelines[${gi}]`;
      if (!lengthBetween(key, 1, LIMITS.key) || !SINGLE_LINE.test(key)) {
        problem('key', `must be 1 to ${LIMITS.key} characters on one line`, gi);
      } else if (keys.has(key)) {
        problem('key', `"${key}" is already the key of ${keys.get(key)}`, gi);
      } else {
        keys.set(key, where);
      }
      if (title !== null && (charLength(title) > LIMITS.title || !SINGLE_LINE.test(title))) {
        problem('title', `must be at most ${LIMITS.title} characters on one line`, gi);
      }
      if (!lengthBetween(text, 1, LIMITS.text)) problem('text', `must be 1 to ${LIMITS.text} characters`, gi);
      return { key, number: gNumber, title, text };
    });
    return { number, heading, guidelines };
  });
  return { sections: clean, problems };
}

function lengthBetween(s: string, min: number, max: number): boolean {
  const n = charLength(s);
  return n >= min && n <= max;
}
