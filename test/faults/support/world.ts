// The system under fault: the built api and worker as child processes, on a private Redis and a database
// of the suite's own, with a cast of users made through the API, and the history of every request.
import { Queue } from 'bullmq';
import type { ConstituentGroup } from '@tripartite/domain';
import { QUEUE_NAMES, bullConnection } from '@tripartite/queue';
import { AppProcess, freePort, health, startProcess, waitFor } from '../../ops/processes';
import { History } from './history';
import { OPS, draftMarkdown } from './operations';
import { OBSERVER_APP_NAME, PrivateRedis, SuiteDatabase, createSuiteDatabase } from './services';

export const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
export const PASSWORD = 'fault suite password 0123';
export const SWEEP_MS = 200;
export const RECONCILE_MS = 1000;
export const MODERATORS = 20;

export interface Person {
  id: string;
  token: string;
}

export interface Constituent extends Person {
  group: ConstituentGroup;
  organizationId: string;
}

export interface Meeting {
  id: string;
  instrumentId: string;
  items: string[];
}

export interface Consultation {
  instrumentId: string;
  roundId: string;
  closesAt: Date;
  guidelines: string[];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class World {
  readonly redis = new PrivateRedis();
  db!: SuiteDatabase;
  history!: History;
  api!: AppProcess;
  worker!: AppProcess;
  apiUrl = '';
  workerUrl = '';
  private apiPort = 0;
  private workerPort = 0;
  readonly prefix = `faults${process.pid}`;
  admin!: Person;
  secretariat!: Person;
  constituents: Constituent[] = [];
  moderators: Person[] = [];
  private n = 0;

  async start(): Promise<void> {
    await this.redis.start();
    this.db = await createSuiteDatabase();
    [this.apiPort, this.workerPort] = [await freePort(), await freePort()];
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
    this.workerUrl = `http://127.0.0.1:${this.workerPort}`;
    this.history = new History(this.apiUrl);
    this.api = startProcess('api', { ...this.env(), PORT: String(this.apiPort), ADMIN_EMAIL: 'admin@faults.test', ADMIN_PASSWORD: PASSWORD });
    this.watch('api', this.api);
    await this.ready('api', this.apiUrl, this.api);
    await this.startWorker();
    await this.seed();
  }

  /** The environment both apps share: this suite's database, Redis and queue prefix, short intervals. */
  env(): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.db.url,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: this.prefix,
      LOG_LEVEL: 'warn',
      LOGIN_MAX_ATTEMPTS_PER_CLIENT: '1000',
      OUTBOX_SWEEP_MS: String(SWEEP_MS),
      RECONCILE_INTERVAL_MS: String(RECONCILE_MS),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0s,300ms,600ms,1200ms,2400ms,4800ms,9600ms,19200ms',
      // A killed worker's jobs run again within a few seconds.
      JOB_LOCK_DURATION_MS: '2000',
      JOB_STALLED_INTERVAL_MS: '1000',
    };
  }

  async startWorker(): Promise<void> {
    this.worker = startProcess('worker', { ...this.env(), WORKER_HEALTH_PORT: String(this.workerPort) });
    this.watch('worker', this.worker);
    await this.ready('worker', this.workerUrl, this.worker);
  }

  /** Processes that ended without the suite ending them: a crash is a finding, with what it wrote. */
  readonly crashes: string[] = [];

  private watch(name: string, proc: AppProcess): void {
    proc.child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') return;
      this.crashes.push(`${name} exited (${code ?? signal}) during ${this.history?.scenario}:\n${proc.stderr().slice(-4000)}\n${proc.stdout().slice(-4000)}`);
    });
  }

  /** SIGKILL, as a crash or the OOM killer would. */
  async killWorker(): Promise<void> {
    await this.worker.kill();
  }

  private async ready(what: string, url: string, proc: AppProcess): Promise<void> {
    try {
      await waitFor(
        `the ${what} to be ready`,
        async () => {
          if (proc.child.exitCode !== null) throw new Error(`exited with ${proc.child.exitCode}`);
          return (await health(url, 'ready')).status === 200 ? true : undefined;
        },
        30_000,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nstdout:\n${proc.stdout().slice(-3000)}\nstderr:\n${proc.stderr().slice(-3000)}`);
    }
  }

  /** What the apps are doing now, for the message of a check that timed out. */
  async diagnosis(): Promise<string> {
    const sessions = await this.db.query(
      `SELECT application_name AS app, state, wait_event_type AS "waitType", wait_event AS wait, left(query, 80) AS query, now() - xact_start AS "inTransactionFor"
         FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2 ORDER BY xact_start NULLS LAST`,
      [this.db.name, OBSERVER_APP_NAME],
    );
    const queues = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const q = new Queue(name, { connection: bullConnection(this.redis.url), prefix: this.prefix });
        try {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          const active = (await q.getActive()).map((j) => `${j.name}#${j.id} since ${Date.now() - (j.processedOn ?? 0)} ms`);
          return { name, counts, active };
        } finally {
          await q.close();
        }
      }),
    );
    return [
      `sessions: ${JSON.stringify(sessions)}`,
      `queues: ${JSON.stringify(queues)}`,
      `worker log: ${this.worker.stdout().slice(-3000)}${this.worker.stderr().slice(-2000)}`,
    ].join('\n');
  }

  async readiness(): Promise<{ api: number; worker: number }> {
    const status = (url: string) =>
      health(url, 'ready').then(
        (h) => h.status,
        () => 0,
      );
    const [api, worker] = await Promise.all([status(this.apiUrl), status(this.workerUrl)]);
    return { api, worker };
  }

  async stop(): Promise<void> {
    await this.worker?.kill();
    await this.api?.kill();
    await this.redis.kill();
    await this.db?.drop();
  }

  must<T = any>(op: keyof typeof OPS, variables: Record<string, unknown>, token: string | null): Promise<T> {
    return this.history.must<T>(op, OPS[op], variables, token);
  }

  private async login(email: string): Promise<string> {
    return (await this.must('login', { e: email, p: PASSWORD }, null)).login.accessToken;
  }

  private async user(email: string, roles: string[], organizationId: string | null = null): Promise<Person> {
    const input = { email, displayName: email.split('@')[0], password: PASSWORD, roles, organizationId };
    const { id } = (await this.must('createUser', { in: input }, this.admin.token)).createUser;
    return { id, token: await this.login(email) };
  }

  /** The cast, made through the API: the secretariat, two constituents per group, and the moderators. */
  private async seed(): Promise<void> {
    const [{ id: adminId }] = await this.db.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'admin@faults.test'`);
    this.admin = { id: adminId, token: await this.login('admin@faults.test') };
    this.secretariat = await this.user('secretariat@faults.test', ['SECRETARIAT']);
    const countries = ['FR', 'KE'];
    for (const group of GROUPS) {
      for (const k of [0, 1]) {
        const org = (
          await this.must(
            'createOrganization',
            { n: `${group} organization ${k + 1}`, g: group, c: group === 'GOVERNMENT' ? countries[k] : null },
            this.admin.token,
          )
        ).createOrganization;
        const person = await this.user(`${group.toLowerCase()}${k + 1}@faults.test`, ['CONSTITUENT'], org.id);
        this.constituents.push({ ...person, group, organizationId: org.id });
      }
    }
    this.moderators = await Promise.all(Array.from({ length: MODERATORS }, (_, i) => this.user(`moderator${i + 1}@faults.test`, ['MODERATOR'])));
  }

  /** A new instrument with version 1 (`guidelines` guidelines) published. */
  async published(guidelines = 2): Promise<{ instrumentId: string; versionId: string; guidelines: string[] }> {
    const s = this.secretariat.token;
    const created = (await this.must('createInstrument', { r: `FAULT/${process.pid}/${++this.n}` }, s)).createInstrument;
    const versionId = created.versions[0].id;
    await this.must('importDraft', { v: versionId, md: draftMarkdown(guidelines) }, s);
    const version = (await this.must('publish', { v: versionId }, s)).publishVersion;
    return { instrumentId: created.id, versionId, guidelines: version.guidelines.map((g: { id: string }) => g.id) };
  }

  /** The database clock, which deadlines are judged by. */
  async dbNow(): Promise<Date> {
    const [{ now }] = await this.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    return now;
  }

  /** An instrument in DRAFTING whose round (inviting every organization) is scheduled to close at `closesAt`. */
  async scheduled(closesAt: Date, guidelines = 2): Promise<Consultation> {
    const p = await this.published(guidelines);
    const round = (
      await this.must(
        'scheduleConsultation',
        { in: { instrumentId: p.instrumentId, versionId: p.versionId, closesAt: closesAt.toISOString(), visibility: 'IMMEDIATE' } },
        this.secretariat.token,
      )
    ).scheduleConsultation;
    return { instrumentId: p.instrumentId, roundId: round.id, closesAt: new Date(round.closesAt), guidelines: p.guidelines };
  }

  /** A round open for comments until an hour from now. */
  async openConsultation(guidelines = 2): Promise<Consultation> {
    const c = await this.scheduled(new Date((await this.dbNow()).getTime() + 3_600_000), guidelines);
    await this.must('advanceStage', { i: c.instrumentId, to: 'CONSULTATION' }, this.secretariat.token);
    return c;
  }

  /** A meeting IN_SESSION on a new instrument of `items` guidelines, every moderator assigned, every agenda item under discussion. */
  async meetingInSession(items: number): Promise<Meeting> {
    const s = this.secretariat.token;
    const c = await this.openConsultation(items);
    await this.must('advanceStage', { i: c.instrumentId, to: 'CONSOLIDATION', reason: 'Closed early for the meeting' }, s);
    const [{ versionId }] = await this.db.query<{ versionId: string }>(`SELECT version_id AS "versionId" FROM consultation_round WHERE id = $1`, [c.roundId]);
    const input = {
      instrumentId: c.instrumentId,
      versionId,
      title: 'Meeting under fault',
      startsAt: '2030-03-02T08:00:00.000Z',
      endsAt: '2030-03-06T17:00:00.000Z',
    };
    const meeting = (await this.must('scheduleMeeting', { in: input }, s)).scheduleMeeting;
    for (const m of this.moderators) await this.must('assignModerator', { m: meeting.id, u: m.id }, s);
    await this.must('advanceStage', { i: c.instrumentId, to: 'EXPERTS_MEETING' }, s);
    await this.must('openMeeting', { m: meeting.id }, s);
    const ids: string[] = meeting.agenda.map((i: { id: string }) => i.id);
    for (const id of ids) await this.must('openAgendaItem', { i: id }, s);
    return { id: meeting.id, instrumentId: c.instrumentId, items: ids };
  }
}
