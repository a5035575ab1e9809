// Enum values of the contract in the reader's words (apps/web/src/i18n, keyed by the enum value).
import { i18n } from '../i18n/i18n';
import type { ConstituentGroup, Role } from '../gql/graphql';

/** "Government", "Gouvernements", "Gobiernos" (GROUP_LABELS of libs/domain, translated). */
export const groupName = (group: ConstituentGroup): string => i18n.t(`group.${group}`);

export const roleName = (role: Role): string => i18n.t(`role.${role}`);

/** A record whose values are read in the current language each time (for modules outside components). */
export function translated<K extends string>(keys: readonly K[], word: (key: K) => string): Readonly<Record<K, string>> {
  const record = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(record, key, { get: () => word(key), enumerable: true });
  return record;
}

export const GROUP_NAMES = translated(['GOVERNMENT', 'EMPLOYERS', 'WORKERS'] as const, groupName);
