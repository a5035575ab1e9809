/**
 * Hard maxima of what users build. Writes past them are refused (BAD_USER_INPUT), and the API's cost
 * estimate multiplies each list by its bound here, so a query is priced by what it can really return.
 * Each is far above what a consultation of the Office needs (the 2004 framework had 15 principles and
 * 28 guidelines; a meeting of experts seats a few dozen).
 */
export const CAPACITY = {
  guidelinesPerVersion: 2000,
  sectionsPerVersion: 200,
  versionsPerInstrument: 50,
  roundsPerInstrument: 20,
  meetingsPerInstrument: 10,
  extensionsPerRound: 50,
  organizations: 1000,
  participantsPerMeeting: 1000,
  moderatorsPerMeeting: 50,
  amendmentsPerItem: 50,
  amendmentsPerMeeting: 1000,
  /** Recorded positions (the history) per agenda item or amendment, corrections included. */
  positionRecordsPerSubject: 200,
  /** Recorded votes (the history) per agenda item, recounts included. */
  voteRecordsPerItem: 50,
  /** Recorded dispositions (the history) per comment, revisions included. */
  dispositionRecordsPerComment: 50,
  /** Translations set (the history) per guideline or section heading and language, revisions' carried over included. */
  translationRecordsPerText: 100,
  webhooks: 100,
  /** Board links of a meeting not revoked yet (a room, an overflow room, a stream ...). */
  boardLinksPerMeeting: 20,
} as const;

/**
 * Not enforced by itself: each move back to CONSULTATION needs a new round and each move on to
 * EXPERTS_MEETING a new meeting, so an instrument's stage history is bounded by the caps above.
 */
export const STAGE_TRANSITIONS_PER_INSTRUMENT = 2 * CAPACITY.roundsPerInstrument + 3 * CAPACITY.meetingsPerInstrument + 4;

export type Capacity = keyof typeof CAPACITY;

/** The message of a refusal at a cap, e.g. "may hold at most 2000 guidelines". */
export function capacityMessage(limit: number, what: string): string {
  return `may hold at most ${limit} ${what}`;
}
