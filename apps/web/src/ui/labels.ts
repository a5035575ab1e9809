// Enum values of the contract in plain words.
import { GROUP_LABELS } from '@tripartite/domain';
import type { ConstituentGroup, Role } from '../gql/graphql';

export const GROUP_NAMES: Readonly<Record<ConstituentGroup, string>> = GROUP_LABELS;

export const ROLE_NAMES: Record<Role, string> = {
  ADMIN: 'Administrator',
  SECRETARIAT: 'Secretariat',
  CONSTITUENT: 'Constituent',
  MODERATOR: 'Moderator',
  OBSERVER: 'Observer',
};
