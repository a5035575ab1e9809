// What the console's sections (positions, closing, amendments, the vote) share to write on the item: each
// write sends the revision of the item as shown (expectedRevision), and a CONFLICT is handled in one place,
// as for positions: the item is fetched again, what changed is said, and the write is offered again.
import type { ModerateItem } from './moderate-operations';

/** The write that met a CONFLICT, to ask again on the refreshed item. */
export interface Retry {
  /** "Record Employers: Oppose again?" */
  question: string;
  /** The button's words: "Record again". */
  action: string;
  run(): void;
}

export interface ItemWrites {
  /** The item's revision as the console shows it now: the expectedRevision of the next write. */
  revision(): number;
  /** The answer to our own write: shown at once, and not reported as someone else's change. */
  wrote(item: ModerateItem): void;
  /** After a CONFLICT on a write made when the item was `saw`: fetch it, say what changed, offer `retry`. */
  conflicted(saw: ModerateItem, retry: Retry, error: unknown): Promise<void>;
  /** The item as the console shows it now. */
  shown(): ModerateItem;
}
