// The server's clock as seen from here: deadlines are decided by the server, so countdowns and the
// token's expiry use the offset measured from HTTP Date headers rather than trusting this device's clock.

let offsetMs = 0;
let measured = false;

/** Records a response's Date header (1 s resolution: assume the middle of that second). */
export function noteServerDate(dateHeader: string | null, receivedAt = Date.now()): void {
  if (!dateHeader) return;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return;
  const sample = server + 500 - receivedAt;
  // Sub-second jitter is noise; a real difference (a wrong device clock) replaces the estimate.
  if (!measured || Math.abs(sample - offsetMs) > 1500) offsetMs = sample;
  measured = true;
}

/** Milliseconds since the epoch by the server's clock (this device's clock until a response was seen). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
