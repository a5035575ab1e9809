// The meeting administration's GraphQL documents (the secretariat's): the meeting with its people, and each write.
import { graphql } from '../../../gql';

export const MeetingAdminQuery = graphql(`
  query MeetingAdmin($id: ID!) {
    meeting(id: $id) {
      id
      title
      venue
      status
      startsAt
      endsAt
      decisionRule
      instrument {
        id
        reference
        title
        stage
      }
      participants {
        id
        group
        role
        user {
          id
          displayName
          organization {
            id
            name
          }
        }
      }
      moderators {
        id
        displayName
      }
      tally {
        meetingId
        open
      }
    }
  }
`);

export const MeetingAdminOrganizations = graphql(`
  query MeetingAdminOrganizations {
    organizations {
      id
      name
      group
    }
  }
`);

export const MeetingAdminCandidates = graphql(`
  query MeetingAdminCandidates($organizationId: ID, $role: Role) {
    meetingCandidates(organizationId: $organizationId, role: $role, first: 200) {
      id
      displayName
    }
  }
`);

export const MeetingAdminAddParticipant = graphql(`
  mutation MeetingAdminAddParticipant($meetingId: ID!, $userId: ID!, $group: ConstituentGroup!, $role: ParticipantRole!) {
    addParticipant(meetingId: $meetingId, userId: $userId, group: $group, role: $role) {
      id
    }
  }
`);

export const MeetingAdminUpdateParticipant = graphql(`
  mutation MeetingAdminUpdateParticipant($participantId: ID!, $group: ConstituentGroup!, $role: ParticipantRole!, $reason: String!) {
    updateParticipant(participantId: $participantId, group: $group, role: $role, reason: $reason) {
      id
      group
      role
    }
  }
`);

export const MeetingAdminRemoveParticipant = graphql(`
  mutation MeetingAdminRemoveParticipant($participantId: ID!, $reason: String!) {
    removeParticipant(participantId: $participantId, reason: $reason) {
      id
    }
  }
`);

export const MeetingAdminAssignModerator = graphql(`
  mutation MeetingAdminAssignModerator($meetingId: ID!, $userId: ID!) {
    assignModerator(meetingId: $meetingId, userId: $userId) {
      id
    }
  }
`);

export const MeetingAdminUnassignModerator = graphql(`
  mutation MeetingAdminUnassignModerator($meetingId: ID!, $userId: ID!) {
    unassignModerator(meetingId: $meetingId, userId: $userId) {
      id
    }
  }
`);

export const MeetingAdminAdoptReport = graphql(`
  mutation MeetingAdminAdoptReport($meetingId: ID!) {
    adoptMeetingReport(meetingId: $meetingId) {
      id
      status
    }
  }
`);

export const MeetingAdminSchedule = graphql(`
  mutation MeetingAdminSchedule($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`);
