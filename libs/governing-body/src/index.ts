// What other capabilities and the apps may use of the Governing Body: its module, services, the row types they
// return, and the paper's pure renderers (with the data they render).
export * from './paper';
export * from './gb-session.service';
export * from './submission.service';
export * from './submission-read.service';
export * from './gb-deadline-reminders.service';
export type { GbSessionRow, SubmissionRow } from './repositories';
export * from './gb.module';
export * from './read-models/gb-session-numbers.read-model';
