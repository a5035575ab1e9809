import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { GROUP_LABELS, type ConstituentGroup } from '@tripartite/domain';

/** The columns of the ISO commenting template, in its order. */
export const CSV_HEADER = [
  'Organization',
  'Group',
  'Guideline',
  'Type',
  'Comment',
  'Proposed change',
  'Disposition',
  'Disposition note',
  'Late',
  'Submitted at (UTC)',
];

export interface CsvComment {
  organization: string;
  group: ConstituentGroup;
  guidelineNumber: string | null;
  type: string;
  body: string;
  proposedText: string | null;
  disposition: string | null;
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
      c.organization,
      GROUP_LABELS[c.group],
      c.guidelineNumber ?? 'General',
      c.type,
      c.body,
      c.proposedText ?? '',
      c.disposition ?? '',
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
  constructor(private readonly dataSource: DataSource) {}

  async export(round: { id: string; instrumentId: string; number: number }): Promise<{ filename: string; csv: string }> {
    const [{ reference }] = await this.dataSource.query(`SELECT reference FROM instrument WHERE id = $1`, [round.instrumentId]);
    const safe = String(reference).replace(/[^A-Za-z0-9._-]+/g, '-');
    return { filename: `${safe}-round-${round.number}-comments.csv`, csv: await this.csv(round.id) };
  }

  private async csv(roundId: string): Promise<string> {
    const rows: CsvComment[] = await this.dataSource.query(
      `SELECT o.name AS organization, c."group", g.number AS "guidelineNumber", c.type, c.body, c.proposed_text AS "proposedText",
              c.disposition, c.disposition_note AS "dispositionNote", c.late, c.submitted_at AS "submittedAt"
         FROM comment c
         JOIN organization o ON o.id = c.organization_id
         LEFT JOIN guideline g ON g.id = c.guideline_id
        WHERE c.round_id = $1 AND c.status = 'SUBMITTED'
        ORDER BY g.position NULLS FIRST, c.submitted_at, c.id`,
      [roundId],
    );
    return commentsCsv(rows);
  }
}
