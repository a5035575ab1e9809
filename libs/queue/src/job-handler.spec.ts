import { JOB_NAMES } from './job-catalogue';
import { JobHandlerMeta, catalogueProblems } from './job-handler';

const CATALOGUE = { maintenance: ['audit.seal', 'outbox.relay'], notifications: ['email.send'] };
const handler = (queue: string, name: string) => ({ queue, name }) as JobHandlerMeta;
const complete = [handler('maintenance', 'audit.seal'), handler('maintenance', 'outbox.relay'), handler('notifications', 'email.send')];

describe('catalogueProblems', () => {
  it('finds none when every job has exactly one handler', () => {
    expect(catalogueProblems(CATALOGUE, complete)).toEqual([]);
  });

  it('names a job without a handler', () => {
    expect(catalogueProblems(CATALOGUE, complete.slice(1))).toEqual(['no handler for maintenance/audit.seal']);
  });

  it('names a job with two handlers', () => {
    expect(catalogueProblems(CATALOGUE, [...complete, handler('notifications', 'email.send')])).toEqual(['2 handlers for notifications/email.send']);
  });

  it('names a handler for a job the catalogue lacks, also one filed under the wrong queue', () => {
    const problems = catalogueProblems(CATALOGUE, [...complete, handler('maintenance', 'email.send'), handler('reports', 'x')]);
    expect(problems).toEqual([
      'handler for maintenance/email.send, which the catalogue does not name',
      'handler for reports/x, which the catalogue does not name',
    ]);
  });

  it('reports every problem at once', () => {
    expect(catalogueProblems(CATALOGUE, [handler('maintenance', 'audit.seal'), handler('maintenance', 'audit.seal')])).toHaveLength(3);
  });

  it('is given a catalogue that names each job once per queue', () => {
    for (const names of Object.values(JOB_NAMES)) expect(new Set(names).size).toBe(names.length);
  });
});
