// A round's draft as the reader reads it: headings, titles and texts in their language where the translation
// is CURRENT, else the original (with what <DraftText> needs to say so).
import type { RoundPageRoundQuery } from '../../gql/graphql';
import { shownText, type ShownText } from '../../i18n/TranslationNotice';
import type { Language } from '../../i18n/languages';

type QueryRound = RoundPageRoundQuery['round'];

export function inReaderLanguage(round: QueryRound, reader: Language) {
  const original = round.version.originalLanguage;
  const shown = (text: string, translated: string | null, status: Parameters<typeof shownText>[2]): ShownText =>
    shownText({ text, language: original }, translated, status, reader);
  const instrumentTitle = shown(round.instrument.title, round.instrument.titleIn, round.instrument.titleStatus);
  return {
    ...round,
    instrument: { ...round.instrument, title: instrumentTitle.text },
    version: {
      ...round.version,
      sections: round.version.sections.map((s) => {
        const heading = shown(s.heading, s.headingIn, s.headingStatus);
        return {
          ...s,
          heading: heading.text,
          headingShown: heading,
          guidelines: s.guidelines.map((g) => {
            const text = shown(g.text, g.textIn, g.translationStatus);
            // A title is translated with its guideline's text: one status for both.
            const title = g.title === null ? null : shown(g.title, g.titleIn, g.translationStatus);
            return { ...g, text: text.text, textShown: text, title: title?.text ?? null, titleShown: title };
          }),
        };
      }),
    },
  };
}

export type ReaderRound = ReturnType<typeof inReaderLanguage>;
