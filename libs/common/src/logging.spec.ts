import { redactUrl, withoutRequestData } from './logging.module';

describe('redactUrl', () => {
  it("redacts a board link's secret in the path", () => {
    expect(redactUrl('/room/tbl_abc-DEF_123?x=1')).toBe('/room/[redacted]?x=[redacted]');
    expect(redactUrl('http://127.0.0.1:3000/room/tbl_abc')).toBe('http://127.0.0.1:3000/room/[redacted]');
  });
  it('keeps the path and the names of query parameters, never their values', () => {
    expect(redactUrl('/admin/queues?token=eyJhbGciOiJIUzI1NiJ9.x.y')).toBe('/admin/queues?token=[redacted]');
    expect(redactUrl('/x?access_token=abc&next=%2Fdesk&tab=general')).toBe('/x?access_token=[redacted]&next=[redacted]&tab=[redacted]');
    expect(redactUrl('/graphql?query=%7Bme%7Bemail%7D%7D&variables=%7B%22p%22%3A%22secret%22%7D')).toBe('/graphql?query=[redacted]&variables=[redacted]');
  });

  it('leaves a URL without a query alone', () => {
    expect(redactUrl('/graphql')).toBe('/graphql');
    expect(redactUrl('/exports/rounds/1/comments.csv')).toBe('/exports/rounds/1/comments.csv');
  });

  it('hides a parameter name that does not look like one (a token passed as ?<token>)', () => {
    expect(redactUrl('/x?eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig-of-more-than-forty-characters')).toBe('/x?[redacted]');
    expect(redactUrl('/x?a%20b=1')).toBe('/x?[redacted]');
  });
});

describe('withoutRequestData', () => {
  it('drops SQL parameters, GraphQL variables and row details at any depth, keeping the rest', () => {
    const err = {
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "app_user_email_key"',
      query: 'INSERT INTO app_user (email) VALUES ($1)',
      parameters: ['someone@example.org'],
      driverError: { type: 'DatabaseError', code: '23505', detail: 'Key (lower(email))=(someone@example.org) already exists.' },
      extensions: { variables: { email: 'someone@example.org' } },
      list: [{ parameters: [1] }],
    };
    expect(withoutRequestData(err)).toEqual({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "app_user_email_key"',
      query: 'INSERT INTO app_user (email) VALUES ($1)',
      driverError: { type: 'DatabaseError', code: '23505' },
      extensions: {},
      list: [{}],
    });
    expect(JSON.stringify(withoutRequestData(err))).not.toContain('someone@example.org');
  });

  it('passes non-objects through', () => {
    expect(withoutRequestData('boom')).toBe('boom');
    expect(withoutRequestData(null)).toBeNull();
  });
});
