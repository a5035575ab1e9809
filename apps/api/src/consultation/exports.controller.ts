import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticated, CurrentActor, Roles } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { CommentsCsvExporter, CommentsXlsxExporter, RoundService, XLSX_CONTENT_TYPE, type Download } from '@tripartite/consultation';
import { downloadLanguage } from '../downloads/download-language';

@Controller('exports')
export class ExportsController {
  constructor(
    private readonly rounds: RoundService,
    private readonly exporter: CommentsCsvExporter,
    private readonly workbooks: CommentsXlsxExporter,
  ) {}

  /** The round's comment table for a spreadsheet (bearer token; the global AccessGuard applies @Roles). */
  @Roles('SECRETARIAT')
  @Get('rounds/:id/comments.csv')
  async roundComments(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const round = await this.rounds.get(actor, id);
    const { filename, csv } = await this.exporter.export(round);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    return csv;
  }

  /** Every comment of the round the caller may see (the visibility rule of every read), as a workbook with typed cells, in ?language=. */
  @Authenticated()
  @Get('rounds/:id/comments.xlsx')
  async roundCommentsWorkbook(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('language') language: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const lang = downloadLanguage(language);
    const round = await this.rounds.get(actor, id);
    await send(res, await this.workbooks.comments(actor, round, lang));
  }

  /** The ISO/IEC commenting template prefilled with the round's guidelines (SECRETARIAT, or a CONSTITUENT of an invited organization), in ?language=. */
  @Roles('SECRETARIAT', 'CONSTITUENT')
  @Get('rounds/:id/template.xlsx')
  async roundTemplate(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('language') language: unknown, @Res() res: Response): Promise<void> {
    const lang = downloadLanguage(language);
    const round = await this.rounds.get(actor, id);
    await send(res, await this.workbooks.template(actor, round, lang));
  }
}

/** Headers first (every check has passed by now), then the workbook streamed row by row. */
async function send(res: Response, download: Download): Promise<void> {
  res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${download.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  try {
    await download.write(res);
  } catch (error) {
    // Too late for an error response: the client sees a cut-off file.
    res.destroy(error instanceof Error ? error : undefined);
  }
}
