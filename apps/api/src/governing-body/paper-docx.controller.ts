import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { DraftingReadService } from '@tripartite/drafting';
import { DOCX_CONTENT_TYPE, SubmissionReadService } from '@tripartite/governing-body';
import { downloadLanguage } from '../downloads/download-language';

/** A file name of letters, digits, dots, dashes and underscores: "GB.301/INS/9" -> "GB.301-INS-9". */
const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');

function send(res: Response, filename: string, docx: Buffer): void {
  res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(docx);
}

/** Word files of the GB paper and of a draft version, each read as its GraphQL field reads it. */
@Controller('exports')
export class PaperDocxController {
  constructor(
    private readonly submissions: SubmissionReadService,
    private readonly drafting: DraftingReadService,
  ) {}

  /** The paper in a language (a DRAFT paper only for staff, as `Instrument.submission`; frozen once SUBMITTED). */
  @Authenticated()
  @Get('submissions/:id/paper.docx')
  async paper(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('language') language: unknown, @Res() res: Response): Promise<void> {
    const lang = downloadLanguage(language);
    const submission = await this.submissions.visible(actor, id);
    const docx = await this.submissions.documentDocx(submission, lang);
    send(res, `${safeName(submission.symbol)}_${lang}.docx`, docx);
  }

  /** The version in a language (a DRAFT version only for the secretariat and admins, as `draftVersion`). */
  @Authenticated()
  @Get('versions/:id/draft.docx')
  async draft(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('language') language: unknown, @Res() res: Response): Promise<void> {
    const lang = downloadLanguage(language);
    const { data, docx } = await this.drafting.draftDocx(actor, id, lang);
    send(res, `${safeName(data.reference)}-v${data.versionNumber}_${lang}.docx`, docx);
  }
}
