import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { DraftingReadService } from '@tripartite/drafting';
import { renderPaperPdf, SubmissionReadService } from '@tripartite/governing-body';
import { downloadLanguage } from '../downloads/download-language';

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
    const { data, pdf } = await this.drafting.draftPdf(actor, id, lang);
    send(res, `${safe(data.reference)}-v${data.versionNumber}-${lang}.pdf`, pdf);
  }
}
