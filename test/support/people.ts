import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminService, hashPassword } from '@tripartite/auth';
import type { ConstituentGroup, Role } from '@tripartite/domain';
import { TEST_PASSWORD } from './test-api';

export interface Person {
  id: string;
  email: string;
  organizationId: string | null;
}

export interface People {
  admin: Person;
  secretariat: Person;
  observer: Person;
  moderator: Person;
  otherModerator: Person;
  /** One constituent per organization, two organizations per group. */
  constituents: Record<ConstituentGroup, [Person, Person]>;
  organizations: Record<ConstituentGroup, [string, string]>;
}

/** The cast most tests need, written straight through the services (fast, one hash shared). */
export async function seedPeople(app: INestApplication): Promise<People> {
  const admin = app.get(AdminService);
  const hash = await hashPassword(TEST_PASSWORD);
  const ds = app.get(DataSource);
  const user = async (email: string, roles: Role[], organizationId: string | null = null): Promise<Person> => {
    const [row] = await ds.query(`INSERT INTO app_user (email, display_name, password_hash, roles, organization_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      email,
      email.split('@')[0],
      hash,
      roles,
      organizationId,
    ]);
    return { id: row.id, email, organizationId };
  };
  const organizations = {} as People['organizations'];
  const constituents = {} as People['constituents'];
  const countries = ['FR', 'KE'];
  for (const group of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'] as ConstituentGroup[]) {
    const orgs: string[] = [];
    const people: Person[] = [];
    for (const n of [1, 2]) {
      const org = await admin.createOrganization(null, {
        name: `${group.toLowerCase()} org ${n}`,
        group,
        countryCode: group === 'GOVERNMENT' ? countries[n - 1] : null,
      });
      orgs.push(org.id);
      people.push(await user(`${group.toLowerCase()}${n}@test.org`, ['CONSTITUENT'], org.id));
    }
    organizations[group] = orgs as [string, string];
    constituents[group] = people as [Person, Person];
  }
  return {
    admin: await user('admin@test.org', ['ADMIN']),
    secretariat: await user('secretariat@test.org', ['SECRETARIAT']),
    observer: await user('observer@test.org', ['OBSERVER']),
    moderator: await user('moderator@test.org', ['MODERATOR']),
    otherModerator: await user('moderator2@test.org', ['MODERATOR']),
    constituents,
    organizations,
  };
}
