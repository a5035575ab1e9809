import type { ConstituentGroup, ParticipantRole } from '../../../gql/graphql';
import { i18n } from '../../../i18n/i18n';

export const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
export const ROLES: ParticipantRole[] = ['CHAIR', 'VICE_CHAIR', 'SPOKESPERSON', 'EXPERT', 'ADVISER', 'OBSERVER'];

export const participantRoleName = (role: ParticipantRole): string => i18n.t(`meetingAdmin.participantRole.${role}`);
