/**
 * SQL: may the caller read meeting `m`? $all is readsEveryMeeting, $user the caller's id (null for the system):
 * otherwise only its participants and moderators.
 */
export function readerPredicate(m: string, allParam: string, userParam: string): string {
  return `(${allParam}::boolean
    OR EXISTS (SELECT 1 FROM meeting_participant rp WHERE rp.meeting_id = ${m}.id AND rp.user_id = ${userParam}::uuid)
    OR EXISTS (SELECT 1 FROM meeting_moderator rm WHERE rm.meeting_id = ${m}.id AND rm.user_id = ${userParam}::uuid))`;
}

/** Who reads: [readsEveryMeeting, the caller's id or null]; the parameters readerPredicate names. */
export type Readers = [boolean, string | null];
