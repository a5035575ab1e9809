import { Injectable } from '@nestjs/common';
import { Actor, AppError, isStaff, isUuid } from '@tripartite/common';
import type { Language } from '@tripartite/domain';
import { Transactions } from '@tripartite/database';
import { PaperLoader } from './paper/paper-loader';
import { renderPaperDocx } from './paper/paper-docx';
import { renderPaper } from './paper/paper-render';
import { GbSubmissionRepository, SubmissionRow } from './repositories';

export type DocumentFormat = 'MARKDOWN' | 'HTML';

/**
 * Reads of submissions. A DRAFT is the Office's working paper: only staff (and the system) see it;
 * everyone else sees an instrument's latest submitted one. Batch reads behind loaders do not filter:
 * they are reached from a submission already checked.
 */
@Injectable()
export class SubmissionReadService {
  constructor(
    private readonly tx: Transactions,
    private readonly submissions: GbSubmissionRepository,
    private readonly paper: PaperLoader,
  ) {}

  /** The latest submission of each instrument that the caller may see. */
  async latestByInstrumentIds(actor: Actor | null, ids: readonly string[]): Promise<Map<string, SubmissionRow>> {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.submissions.latestByInstrumentIds(valid, actor === null || isStaff(actor)) : [];
    return new Map(rows.map((r) => [r.instrumentId, r]));
  }

  /** A submission by id as the caller may reach it: the latest of its instrument that they see (a DRAFT only for staff); else NOT_FOUND. */
  async visible(actor: Actor | null, id: string): Promise<SubmissionRow> {
    const found = isUuid(id) ? await this.submissions.byId(id) : null;
    const latest = found ? (await this.latestByInstrumentIds(actor, [found.instrumentId])).get(found.instrumentId) : undefined;
    if (!latest || latest.id !== id) throw AppError.notFound('Submission', id);
    return latest;
  }

  /** The paper in `language` as a Word file, from the same text as `document` (frozen once SUBMITTED). */
  async documentDocx(submission: Pick<SubmissionRow, 'id' | 'status' | 'symbol' | 'agendaItemTitle'>, language: Language): Promise<Buffer> {
    const markdown = await this.document(submission, 'MARKDOWN', language);
    return renderPaperDocx(markdown, submission.symbol, `${submission.symbol}: ${submission.agendaItemTitle}`);
  }

  /** The paper in `language`: as frozen at submission, or rendered now from the data while it is a DRAFT. */
  async document(
    submission: Pick<SubmissionRow, 'id' | 'status' | 'symbol' | 'agendaItemTitle'>,
    format: DocumentFormat,
    language: Language = 'EN',
  ): Promise<string> {
    if (submission.status !== 'DRAFT') {
      const frozen = await this.submissions.frozenDocument(submission.id, language);
      if (!frozen) throw AppError.notFound('Submission', submission.id);
      return format === 'HTML' ? frozen.html : frozen.markdown;
    }
    // One snapshot for the loader's statements, so the paper never mixes two states of the data.
    const data = await this.tx.dataSource.transaction('REPEATABLE READ', (em) => this.paper.load(em, submission.id));
    if (!data) throw AppError.notFound('Submission', submission.id);
    const paper = renderPaper(data, `${submission.symbol}: ${submission.agendaItemTitle}`, language);
    return format === 'HTML' ? paper.html : paper.markdown;
  }
}
