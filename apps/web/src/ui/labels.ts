// Enum values of the contract in plain words.
import type { ConstituentGroup, Role } from '../gql/graphql';

export const GROUP_NAMES: Record<ConstituentGroup, string> = {
  GOVERNMENT: 'Government',
  EMPLOYERS: 'Employers',
  WORKERS: 'Workers',
};

export const ROLE_NAMES: Record<Role, string> = {
  ADMIN: 'Administrator',
  SECRETARIAT: 'Secretariat',
  CONSTITUENT: 'Constituent',
  MODERATOR: 'Moderator',
  OBSERVER: 'Observer',
};
