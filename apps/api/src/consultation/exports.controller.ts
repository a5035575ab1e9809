import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentActor, Roles } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { CommentsCsvExporter, RoundService } from '@tripartite/consultation';

@Controller('exports')
export class ExportsController {
  constructor(
    private readonly rounds: RoundService,
    private readonly exporter: CommentsCsvExporter,
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
}
