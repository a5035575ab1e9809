import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { ConsultationAuthReadModel } from '@tripartite/auth';
import { Actor, AppError, hasRole } from '@tripartite/common';
import type { Language } from '@tripartite/domain';
import { DraftingReadService } from '@tripartite/drafting';
import { viewerOf } from './comment-visibility';
import { EXPORT_WORDS, type ExportWords } from './export-words';
import { CommentQueryRepository, RoundRepository } from './repositories';

/** A column of a download: its header, width, and whether a spreadsheet program shows it. */
interface Column {
  header: string;
  width: number;
  hidden?: boolean;
  numFmt?: string;
}

/** The comments' workbook: the downloads' columns (export-columns.ts), each with its width. */
const WIDTHS = [38, 28, 12, 14, 12, 60, 60, 18, 40, 6, 20];
const SUBMITTED_AT = 10;
export function xlsxColumns(words: ExportWords): Column[] {
  return words.comments.map((header, i) => ({ header, width: WIDTHS[i], ...(i === SUBMITTED_AT ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {}) }));
}

/** The ISO/IEC commenting template's columns, then the guideline id the import matches rows by (a hidden column). */
const TEMPLATE_WIDTHS = [28, 10, 14, 16, 14, 60, 60, 40, 38];
export function templateColumns(words: ExportWords): Column[] {
  return words.template.map((header, i) => ({ header, width: TEMPLATE_WIDTHS[i], ...(i === TEMPLATE_WIDTHS.length - 1 ? { hidden: true } : {}) }));
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The template's type column: one of the ISO/IEC codes (the same in every language). */
function typeList(words: ExportWords): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, formulae: ['"ge,te,ed"'], showErrorMessage: true, errorTitle: words.template[4], error: words.typeHint };
}

/** A workbook on its way to a stream; `write` streams it (rows committed one by one: flat memory). */
export interface Download {
  filename: string;
  write(out: Writable): Promise<void>;
}

/** Every cell is a string, number, boolean, date or empty: never an object, so never a formula. */
type Cell = string | number | boolean | Date | null;

function safeName(reference: string): string {
  return String(reference).replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** The columns (written with the first row committed, so set before it) and the bold header row. */
function headerRow(sheet: ExcelJS.Worksheet, columns: Column[]): void {
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, hidden: c.hidden ?? false, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.commit();
}

function addRow(sheet: ExcelJS.Worksheet, cells: Cell[]): ExcelJS.Row {
  // Each value goes as it is: exceljs writes a string as a string cell whatever its first character ("=1+1" included).
  return sheet.addRow(cells);
}

/**
 * The downloads of a round as workbooks. Callers have read the round through RoundService.get (the viewer may read
 * it); the comments are those the viewer may see (visibleCommentSql), SUBMITTED only.
 */
@Injectable()
export class CommentsXlsxExporter {
  constructor(
    private readonly query: CommentQueryRepository,
    private readonly rounds: RoundRepository,
    private readonly drafting: DraftingReadService,
    private readonly identity: ConsultationAuthReadModel,
  ) {}

  async comments(actor: Actor, round: { id: string; instrumentId: string; number: number }, language: Language = 'EN'): Promise<Download> {
    const words = EXPORT_WORDS[language];
    const [[{ reference }], comments] = await Promise.all([
      this.drafting.instrumentsByIds([round.instrumentId]),
      this.query.submittedForExport(viewerOf(actor), round.id),
    ]);
    const guidelineIds = [...new Set(comments.flatMap((c) => (c.guidelineId ? [c.guidelineId] : [])))];
    const [organizations, guidelines] = await Promise.all([
      this.identity.organizationsByIds([...new Set(comments.map((c) => c.organizationId))]),
      this.drafting.guidelinesByIds(guidelineIds),
    ]);
    const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
    const guidelineOf = new Map(guidelines.map((g) => [g.id, g]));
    const position = (id: string | null) => (id ? (guidelineOf.get(id)?.position ?? Number.MAX_SAFE_INTEGER) : 0);
    const sorted = [...comments].sort((a, b) => position(a.guidelineId) - position(b.guidelineId));
    return {
      filename: `${safeName(reference)}-round-${round.number}-comments.xlsx`,
      write: async (out) => {
        const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
        const sheet = book.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
        headerRow(sheet, xlsxColumns(words));
        for (const c of sorted) {
          addRow(sheet, [
            c.id,
            nameOf.get(c.organizationId) ?? '',
            words.groups[c.group],
            // A number like "1.10" stays text: always a string cell.
            c.guidelineId ? String(guidelineOf.get(c.guidelineId)?.number ?? '') : words.general,
            words.types[c.type],
            c.body,
            c.proposedText,
            c.disposition ? words.dispositions[c.disposition] : null,
            c.dispositionNote,
            c.late ? words.yes : words.no,
            // Dates as dates: exceljs writes a Date as its UTC serial.
            new Date(c.submittedAt),
          ]).commit();
        }
        sheet.commit();
        await book.commit();
      },
    };
  }

  /**
   * The ISO/IEC commenting template, one row per guideline of the round's version, for a constituent of an invited
   * organization (its name prefilled) or the secretariat (FORBIDDEN to others).
   */
  async template(actor: Actor, round: { id: string; instrumentId: string; versionId: string; number: number }, language: Language = 'EN'): Promise<Download> {
    const words = EXPORT_WORDS[language];
    let organization = '';
    if (!hasRole(actor, 'SECRETARIAT')) {
      const invited = (await this.rounds.invitationsByRoundIds([round.id])).some((i) => i.organizationId === actor.organizationId);
      if (!hasRole(actor, 'CONSTITUENT') || !actor.organizationId || !invited) {
        throw AppError.forbidden('Only the secretariat and the invited organizations download the commenting template');
      }
      const [org] = await this.identity.organizationsByIds([actor.organizationId]);
      organization = org?.name ?? '';
    }
    const [[{ reference }], guidelines] = await Promise.all([
      this.drafting.instrumentsByIds([round.instrumentId]),
      this.drafting.guidelinesByVersionIds([round.versionId]),
    ]);
    const ordered = [...guidelines].sort((a, b) => a.position - b.position);
    return {
      filename: `${safeName(reference)}-round-${round.number}-template.xlsx`,
      write: async (out) => {
        const validation = typeList(words);
        const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
        const sheet = book.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
        headerRow(sheet, templateColumns(words));
        for (const g of ordered) {
          const row = addRow(sheet, [organization, null, String(g.number), null, null, null, null, null, g.id]);
          row.getCell(5).dataValidation = validation;
          row.commit();
        }
        sheet.commit();
        await book.commit();
      },
    };
  }
}
