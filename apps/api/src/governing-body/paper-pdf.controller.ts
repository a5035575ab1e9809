import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import { AppError, type Actor } from '@tripartite/common';
import { DraftingReadService, renderDraftPdf, type DraftPdfData } from '@tripartite/drafting';
import { downloadLanguage } from '../downloads/download-language';
import { renderPaperPdf, SubmissionReadService } from '@tripartite/governing-body';

/** A file name's characters: letters, digits, dot, dash and underscore (a symbol's slashes become dashes). */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

function send(res: Response, filename: string, pdf: Buffer): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', String(pdf.length));
  res.end(pdf);
}

/** The GB paper and the draft being consulted as A4 PDFs (bearer token, as for /graphql). */
@Controller('exports')
export class PaperPdfController {
  constructor(
    private readonly submissions: SubmissionReadService,
    private readonly drafting: DraftingReadService,
  ) {}

  /** The paper in the language, from the same text as the submission's `document` (frozen once SUBMITTED). */
  @Authenticated()
  @Get('submissions/:id/paper.pdf')
  async paper(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('language') language: unknown, @Res() res: Response): Promise<void> {
    const lang = downloadLanguage(language);
    const submission = await this.submissions.visible(actor, id);
    const markdown = await this.submissions.document(submission, 'MARKDOWN', lang);
    const pdf = await renderPaperPdf(markdown, { symbol: submission.symbol, title: `${submission.symbol}: ${submission.agendaItemTitle}` }, lang);
    send(res, `${safe(submission.symbol)}-${lang}.pdf`, pdf);
  }

  /** A version's text in the language (a guideline's translation in force, else its original), as a reader of it is shown. */
  @Authenticated()
  @Get('versions/:id/draft.pdf')
  async draft(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('language') language: unknown, @Res() res: Response): Promise<void> {
    const lang = downloadLanguage(language);
    const version = await this.drafting.getVersion(actor, id);
    const [[instrument], sections, guidelines] = await Promise.all([
      this.drafting.instrumentsByIds([version.instrumentId]),
      this.drafting.sectionsByVersionIds([version.id]),
      this.drafting.guidelinesByVersionIds([version.id]),
    ]);
    if (!instrument) throw AppError.notFound('Version', id);
    const original = version.originalLanguage === lang;
    const [gT, sT, iT] = original
      ? [[], [], []]
      : await Promise.all([
          this.drafting.latestTranslationsOfGuidelines(guidelines.map((g) => g.id)),
          this.drafting.latestTranslationsOfSections(sections.map((s) => s.id)),
          this.drafting.latestTranslationsOfInstruments([instrument.id]),
        ]);
    const gIn = new Map(gT.filter((t) => t.language === lang).map((t) => [t.guidelineId, t]));
    const sIn = new Map(sT.filter((t) => t.language === lang).map((t) => [t.sectionId, t]));
    const title = iT.find((t) => t.language === lang)?.title ?? instrument.title;
    const data: DraftPdfData = {
      reference: instrument.reference,
      title,
      versionNumber: version.number,
      status: version.status,
      sections: [...sections]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({
          number: s.number,
          heading: sIn.get(s.id)?.heading ?? s.heading,
          guidelines: guidelines
            .filter((g) => g.sectionId === s.id)
            .sort((a, b) => a.position - b.position)
            .map((g) => {
              const t = gIn.get(g.id);
              return { number: g.number, title: t ? t.title : g.title, text: t ? t.text : g.text };
            }),
        })),
    };
    send(res, `${safe(instrument.reference)}-v${version.number}-${lang}.pdf`, await renderDraftPdf(data, lang));
  }
}
