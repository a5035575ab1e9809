import { Entity, PrimaryColumn } from 'typeorm';

/** An organization invited to a round; the list is fixed when the round is scheduled. */
@Entity('round_invitation')
export class RoundInvitationEntity {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;
}
