export * from './stages';
export * from './enums';
export * from './language';
export * from './blocker';
export * from './capacity';

export * from './workflow/snapshot';
export * from './workflow/guards';
export * from './workflow/transitions';
export * from './workflow/machine';

export * from './tally/weighted-vote';
export * from './tally/consensus';
export * from './tally/item-tally';
export * from './meetings/board-link';

export * from './deadline/time';
export * from './deadline/reminders';
export * from './deadline/job-ids';
export * from './deadline/document-deadline';
export * from './limits';
export * from './consultation/late-acceptance';
export * from './identity/membership';
export * from './meeting/roster';
export * from './consultation/disposition-refusal';
