// The settings page's operations (names prefixed Settings…: operation names are global).
import { graphql } from '../../gql';

export const SettingsMe = graphql(`
  query SettingsMe {
    me {
      id
      language
      emailOptOut
    }
  }
`);

export const SettingsEmailPreferences = graphql(`
  mutation SettingsEmailPreferences($disabledKinds: [String!]!) {
    setEmailPreferences(disabledKinds: $disabledKinds) {
      id
      emailOptOut
    }
  }
`);
