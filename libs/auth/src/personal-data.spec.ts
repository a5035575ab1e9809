import type { Actor } from '@tripartite/common';
import { ROLES, type Role } from '@tripartite/domain';
import { mayReadEmail } from './personal-data';

const USER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const actor = (userId: string, roles: Role[]): Actor => ({ userId, roles, organizationId: null, group: null });

describe('mayReadEmail', () => {
  it('lets every user read their own address, whatever their roles', () => {
    for (const role of ROLES) expect({ role, ok: mayReadEmail(actor(USER, [role]), USER) }).toEqual({ role, ok: true });
  });

  it("lets only the secretariat and admins read someone else's", () => {
    const answers = Object.fromEntries(ROLES.map((role) => [role, mayReadEmail(actor(OTHER, [role]), USER)]));
    expect(answers).toEqual({ ADMIN: true, SECRETARIAT: true, CONSTITUENT: false, MODERATOR: false, OBSERVER: false });
    expect(mayReadEmail(actor(OTHER, ['OBSERVER', 'SECRETARIAT']), USER)).toBe(true);
  });

  it('gives nobody signed out any address', () => {
    expect(mayReadEmail(null, USER)).toBe(false);
    expect(mayReadEmail(undefined, USER)).toBe(false);
  });
});
