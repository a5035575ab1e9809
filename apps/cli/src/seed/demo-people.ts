import type { ConstituentGroup, Role } from '@tripartite/domain';

export interface DemoOrganization {
  name: string;
  group: ConstituentGroup;
  countryCode?: string;
  /** The constituent who speaks for it in the demo. */
  user: { email: string; displayName: string };
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { name: 'Government of Brazil', group: 'GOVERNMENT', countryCode: 'BR', user: { email: 'gov.br@tripartite.demo', displayName: 'Ana Souza' } },
  { name: 'Government of Kenya', group: 'GOVERNMENT', countryCode: 'KE', user: { email: 'gov.ke@tripartite.demo', displayName: 'Wanjiru Kamau' } },
  { name: 'Government of the Philippines', group: 'GOVERNMENT', countryCode: 'PH', user: { email: 'gov.ph@tripartite.demo', displayName: 'Jose Reyes' } },
  { name: 'Government of Germany', group: 'GOVERNMENT', countryCode: 'DE', user: { email: 'gov.de@tripartite.demo', displayName: 'Katrin Vogel' } },
  { name: 'Government of Morocco', group: 'GOVERNMENT', countryCode: 'MA', user: { email: 'gov.ma@tripartite.demo', displayName: 'Youssef Alaoui' } },
  { name: 'Government of Canada', group: 'GOVERNMENT', countryCode: 'CA', user: { email: 'gov.ca@tripartite.demo', displayName: 'Claire Tremblay' } },
  { name: 'International Employers Federation', group: 'EMPLOYERS', user: { email: 'emp.intl@tripartite.demo', displayName: 'Henrik Larsen' } },
  { name: 'Confederation of Kenyan Employers', group: 'EMPLOYERS', countryCode: 'KE', user: { email: 'emp.ke@tripartite.demo', displayName: 'Otieno Mwangi' } },
  { name: 'Philippine Employers Association', group: 'EMPLOYERS', countryCode: 'PH', user: { email: 'emp.ph@tripartite.demo', displayName: 'Maria Santos' } },
  { name: 'International Trade Union Federation', group: 'WORKERS', user: { email: 'wrk.intl@tripartite.demo', displayName: 'Sofia Moreno' } },
  {
    name: 'Central Organisation of Trade Unions Kenya',
    group: 'WORKERS',
    countryCode: 'KE',
    user: { email: 'wrk.ke@tripartite.demo', displayName: 'Daniel Ochieng' },
  },
  { name: 'Brazilian Workers Union Centre', group: 'WORKERS', countryCode: 'BR', user: { email: 'wrk.br@tripartite.demo', displayName: 'Lucas Pereira' } },
];

export interface DemoStaff {
  email: string;
  displayName: string;
  roles: Role[];
}

export const DEMO_STAFF: DemoStaff[] = [
  { email: 'admin@tripartite.demo', displayName: 'Demo Administrator', roles: ['ADMIN'] },
  { email: 'secretariat@tripartite.demo', displayName: 'Amira Haddad', roles: ['SECRETARIAT'] },
  { email: 'secretariat2@tripartite.demo', displayName: 'Tomas Novak', roles: ['SECRETARIAT'] },
  { email: 'moderator@tripartite.demo', displayName: 'Grace Mensah', roles: ['MODERATOR'] },
  { email: 'moderator2@tripartite.demo', displayName: 'Luis Fernandez', roles: ['MODERATOR'] },
  { email: 'observer@tripartite.demo', displayName: 'Noor Rahman', roles: ['OBSERVER'] },
];
