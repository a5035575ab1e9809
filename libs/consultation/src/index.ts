// What other capabilities and the apps may use of consultation: its module, services, row types and metrics.
export * from './consultation.module';
export * from './round.service';
export * from './comment.service';
export * from './comment-query.service';
export { CommentsCsvExporter } from './comments-csv';
export { CommentsXlsxExporter, XLSX_CONTENT_TYPE, type Download } from './comments-xlsx';
export * from './round-deadlines.service';
export * from './consultation.metrics';
export type { RoundRow, ExtensionRow, CommentRow, DispositionRecordRow } from './repositories';
export * from './read-models/paper.read-model';
export * from './read-models/notification-context.read-model';
