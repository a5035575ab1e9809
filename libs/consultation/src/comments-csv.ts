import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { ConsultationAuthReadModel } from '@tripartite/auth';
import { GROUP_LABELS, type CommentType, type ConstituentGroup, type Disposition } from '@tripartite/domain';
import { DraftingReadService } from '@tripartite/drafting';
import { COMMENT_HEADERS, COMMENT_TYPE_WORDS, DISPOSITION_WORDS } from './export-columns';
import { CommentRepository } from './repositories';

/** The downloads' columns (export-columns.ts): the comment id, then the ISO/IEC commenting template's order. */
export const CSV_HEADER: readonly string[] = COMMENT_HEADERS;

export interface CsvComment {
  id: string;
  organization: string;
  group: ConstituentGroup;
  guidelineNumber: string | null;
  type: CommentType;
  body: string;
  proposedText: string | null;
  disposition: Disposition | null;
  dispositionNote: string | null;
  late: boolean;
  submittedAt: Date;
}

/** Spreadsheet programs run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** UTF-8 with a byte-order mark (so spreadsheet programs read accents right), CRLF lines, quoted where needed. */
export function commentsCsv(comments: CsvComment[]): string {
  const rows = comments.map((c) =>
    [
      c.id,
      c.organization,
      GROUP_LABELS[c.group],
      c.guidelineNumber ?? 'General',
      COMMENT_TYPE_WORDS[c.type],
      c.body,
      c.proposedText ?? '',
      c.disposition ? DISPOSITION_WORDS[c.disposition] : '',
      c.dispositionNote ?? '',
      c.late ? 'yes' : 'no',
      c.submittedAt.toISOString(),
    ].map(neutralise),
  );
  return stringify([CSV_HEADER, ...rows], { bom: true, record_delimiter: 'windows' });
}

/** The SUBMITTED comments of a round for the secretariat's table: general comments first, then in document order. */
@Injectable()
export class CommentsCsvExporter {
  constructor(
    private readonly comments: CommentRepository,
    private readonly drafting: DraftingReadService,
    private readonly identity: ConsultationAuthReadModel,
  ) {}

  async export(round: { id: string; instrumentId: string; number: number }): Promise<{ filename: string; csv: string }> {
    const [{ reference }] = await this.drafting.instrumentsByIds([round.instrumentId]);
    const safe = String(reference).replace(/[^A-Za-z0-9._-]+/g, '-');
    return { filename: `${safe}-round-${round.number}-comments.csv`, csv: await this.csv(round.id) };
  }

  private async csv(roundId: string): Promise<string> {
    // In the order submitted; then, stably, general comments first and the others in their guidelines' document order.
    const comments = await this.comments.submittedForExport(roundId);
    const guidelineIds = [...new Set(comments.flatMap((c) => (c.guidelineId ? [c.guidelineId] : [])))];
    const [organizations, guidelines] = await Promise.all([
      this.identity.organizationsByIds([...new Set(comments.map((c) => c.organizationId))]),
      this.drafting.guidelinesByIds(guidelineIds),
    ]);
    const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
    const guidelineOf = new Map(guidelines.map((g) => [g.id, g]));
    const position = (id: string | null) => (id ? (guidelineOf.get(id)?.position ?? Number.MAX_SAFE_INTEGER) : 0);
    const rows: CsvComment[] = [...comments]
      .sort((a, b) => position(a.guidelineId) - position(b.guidelineId))
      .map((c) => ({
        id: c.id,
        organization: nameOf.get(c.organizationId)!,
        group: c.group,
        guidelineNumber: c.guidelineId ? (guidelineOf.get(c.guidelineId)?.number ?? null) : null,
        type: c.type,
        body: c.body,
        proposedText: c.proposedText,
        disposition: c.disposition,
        dispositionNote: c.dispositionNote,
        late: c.late,
        submittedAt: c.submittedAt,
      }));
    return commentsCsv(rows);
  }
}
