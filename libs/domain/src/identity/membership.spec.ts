import { checkCountryCode, membershipProblems } from './membership';

describe('membershipProblems', () => {
  it('wants an organization for a constituent, naming the field that changed', () => {
    expect(membershipProblems(['CONSTITUENT'], null, 'roles')).toEqual([
      { field: 'roles', message: 'CONSTITUENT needs the user to belong to an organization' },
    ]);
    expect(membershipProblems(['OBSERVER', 'CONSTITUENT'], null, 'organizationId')).toEqual([
      { field: 'organizationId', message: 'is required for a CONSTITUENT' },
    ]);
    expect(membershipProblems(['CONSTITUENT'], 'org-1', 'roles')).toEqual([]);
  });

  it('lets other roles belong to an organization or not', () => {
    for (const role of ['ADMIN', 'SECRETARIAT', 'MODERATOR', 'OBSERVER'] as const) {
      expect(membershipProblems([role], null, 'roles')).toEqual([]);
      expect(membershipProblems([role], 'org-1', 'organizationId')).toEqual([]);
    }
  });
});

describe('checkCountryCode', () => {
  it('requires a two-letter code of a government, upper-cased and trimmed', () => {
    expect(checkCountryCode('GOVERNMENT', ' fr ')).toEqual({ value: 'FR', problems: [] });
    expect(checkCountryCode('GOVERNMENT', null).problems).toEqual([{ field: 'countryCode', message: 'a government needs an ISO 3166-1 alpha-2 code' }]);
    expect(checkCountryCode('GOVERNMENT', 'FRA').problems).toHaveLength(1);
  });

  it('makes it optional for the others, but well formed when given', () => {
    expect(checkCountryCode('WORKERS', '')).toEqual({ value: null, problems: [] });
    expect(checkCountryCode('EMPLOYERS', 'de')).toEqual({ value: 'DE', problems: [] });
    expect(checkCountryCode('EMPLOYERS', '1x').problems).toEqual([{ field: 'countryCode', message: 'must be an ISO 3166-1 alpha-2 code' }]);
  });
});
