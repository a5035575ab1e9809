/**
 * Deterministic BullMQ job ids: the same deadline always gives the same id, so
 * re-adding a job is a no-op, and a moved deadline gives a new id (the old job
 * then finds the world changed and does nothing). BullMQ refuses ':' in custom
 * ids and ids that are plain integers; the text prefix rules out the latter.
 */
export function jobId(kind: string, ...parts: (string | number)[]): string {
  return [kind, ...parts].map((p) => String(p).replace(/:/g, '_')).join('-');
}

export function roundCloseJobId(roundId: string, closesAt: Date): string {
  return jobId('round-close', roundId, closesAt.getTime());
}

export function reminderJobId(roundId: string, closesAt: Date, offsetMs: number): string {
  return jobId('round-reminder', roundId, closesAt.getTime(), offsetMs);
}

export function meetingReminderJobId(meetingId: string, startsAt: Date): string {
  return jobId('meeting-reminder', meetingId, startsAt.getTime());
}

export function gbDeadlineReminderJobId(sessionId: string, documentDeadline: Date): string {
  return jobId('gb-deadline-reminder', sessionId, documentDeadline.getTime());
}
