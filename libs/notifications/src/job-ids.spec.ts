import { emailJobId, webhookJobGeneration, webhookJobId } from './job-ids';

const D = '3c68526e-0dc2-4a1b-bd54-824e86c2e74c';

describe('webhook job ids', () => {
  it('name each replay and resume of a delivery apart', () => {
    expect([webhookJobId(D), webhookJobId(D, 2), webhookJobId(D, 0, 1), webhookJobId(D, 2, 3)]).toEqual([
      `webhook-${D}`,
      `webhook-${D}-replay-2`,
      `webhook-${D}-resume-1`,
      `webhook-${D}-replay-2-resume-3`,
    ]);
  });

  it('give back the generation they name, for this delivery only', () => {
    for (const [replays, resumes] of [
      [0, 0],
      [2, 0],
      [0, 1],
      [12, 30],
    ]) {
      expect(webhookJobGeneration(D, webhookJobId(D, replays, resumes))).toEqual({ replays, resumes });
    }
    expect(webhookJobGeneration(D, webhookJobId('00000000-0000-4000-8000-000000000000'))).toBeNull();
    expect(webhookJobGeneration(D, `webhook-${D}-replay-0`)).toBeNull();
    expect(webhookJobGeneration(D, `outbox-${D}`)).toBeNull();
  });
});

describe('email job ids', () => {
  it('name each re-send apart', () => {
    expect([emailJobId('e', 'u'), emailJobId('e', 'u', 1)]).toEqual(['email-e-u', 'email-e-u-resend-1']);
  });
});
