// The moderator console's GraphQL operations. Every write returns what the console shows of it, so the
// screen is updated from the answer before the next fetch, and sends the item's revision the console showed
// (expectedRevision): the server answers CONFLICT when someone else changed the item first.
import { graphql } from '../../gql';
import type { ModerateItemFieldsFragment, ModerateMeetingQuery } from '../../gql/graphql';

graphql(`
  fragment ModerateAmendmentFields on Amendment {
    id
    proposedBy
    text
    status
    positions {
      group
      position
      statement
      recordedBy {
        id
        displayName
      }
    }
  }
`);

graphql(`
  fragment ModerateItemFields on AgendaItem {
    id
    order
    status
    revision
    finalText
    guideline {
      id
      number
      title
      text
    }
    positions {
      group
      position
      statement
      recordedAt
      recordedBy {
        id
        displayName
      }
    }
    amendments {
      ...ModerateAmendmentFields
    }
    vote {
      votes {
        group
        inFavour
        against
        abstentions
      }
      weightedInFavour
      weightedAgainst
      quorumMet
      carried
    }
    tally {
      ...BoardTallyFields
    }
  }
`);

export const ModerateMeeting = graphql(`
  query ModerateMeeting($id: ID!) {
    meeting(id: $id) {
      id
      title
      status
      decisionRule
      instrument {
        id
        reference
        title
      }
      participants {
        id
        group
        role
      }
      agenda {
        ...ModerateItemFields
      }
    }
  }
`);

export const ModerateTallyUpdated = graphql(`
  subscription ModerateTallyUpdated($id: ID!) {
    tallyUpdated(meetingId: $id) {
      agendaItemId
    }
  }
`);

export const ModerateOpenMeeting = graphql(`
  mutation ModerateOpenMeeting($id: ID!) {
    openMeeting(meetingId: $id) {
      id
      status
    }
  }
`);

export const ModerateCloseMeeting = graphql(`
  mutation ModerateCloseMeeting($id: ID!) {
    closeMeeting(meetingId: $id) {
      id
      status
    }
  }
`);

export const ModerateOpenItem = graphql(`
  mutation ModerateOpenItem($id: ID!) {
    openAgendaItem(agendaItemId: $id) {
      ...ModerateItemFields
    }
  }
`);

export const ModerateRecordPosition = graphql(`
  mutation ModerateRecordPosition($id: ID!, $group: ConstituentGroup!, $position: Position!, $statement: String, $expectedRevision: Int) {
    recordPosition(agendaItemId: $id, group: $group, position: $position, statement: $statement, expectedRevision: $expectedRevision) {
      ...ModerateItemFields
    }
  }
`);

export const ModerateCloseItem = graphql(`
  mutation ModerateCloseItem($id: ID!, $status: ItemStatus!, $expectedRevision: Int) {
    closeAgendaItem(agendaItemId: $id, status: $status, expectedRevision: $expectedRevision) {
      ...ModerateItemFields
    }
  }
`);

export const ModerateProposeAmendment = graphql(`
  mutation ModerateProposeAmendment($id: ID!, $proposedBy: ConstituentGroup!, $text: String!) {
    proposeAmendment(agendaItemId: $id, proposedBy: $proposedBy, text: $text) {
      ...ModerateAmendmentFields
      agendaItem {
        ...ModerateItemFields
      }
    }
  }
`);

export const ModerateAmendmentPosition = graphql(`
  mutation ModerateAmendmentPosition($id: ID!, $group: ConstituentGroup!, $position: Position!, $expectedRevision: Int) {
    recordAmendmentPosition(amendmentId: $id, group: $group, position: $position, expectedRevision: $expectedRevision) {
      ...ModerateAmendmentFields
      agendaItem {
        ...ModerateItemFields
      }
    }
  }
`);

export const ModerateDecideAmendment = graphql(`
  mutation ModerateDecideAmendment($id: ID!, $status: AmendmentStatus!, $expectedRevision: Int) {
    decideAmendment(amendmentId: $id, status: $status, expectedRevision: $expectedRevision) {
      ...ModerateAmendmentFields
      agendaItem {
        ...ModerateItemFields
      }
    }
  }
`);

export const ModerateRecordVote = graphql(`
  mutation ModerateRecordVote($id: ID!, $votes: [GroupVoteInput!]!, $expectedRevision: Int) {
    recordVote(agendaItemId: $id, votes: $votes, expectedRevision: $expectedRevision) {
      ...ModerateItemFields
    }
  }
`);

export type ModerateMeetingData = ModerateMeetingQuery['meeting'];
export type ModerateItem = ModerateItemFieldsFragment;
export type ModerateAmendment = ModerateItem['amendments'][number];
