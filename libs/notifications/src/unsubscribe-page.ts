import { DEFAULT_LANGUAGE, type Language } from '@tripartite/domain';
import { escapeHtml } from './escape-html';
import { translator } from './messages';

const LANG: Readonly<Record<Language, string>> = { EN: 'en', FR: 'fr', ES: 'es' };

function page(language: Language, body: string): string {
  const t = translator(language);
  return `<!doctype html><html lang="${LANG[language]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(t('unsubscribe.title'))}</title></head><body>${body}</body></html>`;
}

/** The confirmation page of an unsubscribe link, in the person's language (English when the token names no one). */
export function unsubscribeConfirmPage(language: Language | null, action: string | null, kind: string | null): string {
  const lang = language ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  if (!action) return page(lang, `<p>${escapeHtml(t('unsubscribe.invalid'))}</p>`);
  return page(
    lang,
    `<form method="post" action="${escapeHtml(action)}"><p>${escapeHtml(t('unsubscribe.question', { kind }))}</p><button type="submit">${escapeHtml(t('unsubscribe.button'))}</button></form>`,
  );
}

/** The one-click answer (plain text, for a mail client or a person who pressed the button). */
export function unsubscribeResult(language: Language | null, outcome: { kind: string; changed: boolean } | null): string {
  const t = translator(language ?? DEFAULT_LANGUAGE);
  if (!outcome) return `${t('unsubscribe.invalid')}\n`;
  return `${t(outcome.changed ? 'unsubscribe.done' : 'unsubscribe.already', { kind: outcome.kind })}\n`;
}
