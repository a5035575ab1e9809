import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';

describe('operations endpoints of the api', () => {
  let api: TestApi;
  let people: People;

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
  });
  afterAll(() => api.close());

  it('exports Prometheus metrics: queues by state, outbox, GraphQL durations by operation name', async () => {
    const token = await api.login(people.observer.email);
    // A name the web client's documents define (others are labelled "other": test/security/metrics-labels.test.ts).
    ok(await api.gql(`query HomeMeetings { me { id } }`, {}, token));
    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/tripartite_graphql_operation_duration_seconds_count\{operation="HomeMeetings",type="query",outcome="ok"\} 1/);
    expect(text).toMatch(/tripartite_queue_jobs\{queue="deadlines",state="delayed"\} \d+/);
    expect(text).toMatch(/tripartite_outbox_pending \d+/);
    expect(text).toMatch(/tripartite_outbox_oldest_pending_age_seconds [\d.]+/);
  });

  it('opens the queue dashboard to admin tokens only', async () => {
    expect((await fetch(`${api.url}/admin/queues`)).status).toBe(401);
    const observer = await api.login(people.observer.email);
    expect((await fetch(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${observer}` } })).status).toBe(403);
    const admin = await api.login(people.admin.email);
    const page = await fetch(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${admin}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api1 = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin}` } });
    const body = (await api1.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['deadlines', 'emails', 'maintenance', 'notifications', 'webhooks']);
    // A browser signs in once with ?token=, then rides on an HttpOnly cookie scoped to the dashboard.
    const signIn = await fetch(`${api.url}/admin/queues?token=${admin}`, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    const withCookie = await fetch(`${api.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } });
    expect(withCookie.status).toBe(200);
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  const token = 'scraper-secret-0123456789';
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ METRICS_TOKEN: token });
  });
  afterAll(() => api.close());

  it('answers only the scraper that sends the token', async () => {
    const scrape = (authorization?: string) => fetch(`${api.url}/metrics`, { headers: authorization ? { authorization } : {} });
    for (const authorization of [undefined, 'Bearer wrong-secret-0123456789', `Basic ${token}`, `Bearer ${token}x`]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/tripartite_/);
    }
    const ok200 = await scrape(`Bearer ${token}`);
    expect(ok200.status).toBe(200);
    expect(await ok200.text()).toMatch(/tripartite_outbox_pending \d+/);
    // Health stays open to the orchestrator.
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  });
});
