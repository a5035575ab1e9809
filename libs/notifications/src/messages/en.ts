// The English texts of notifications and emails: the reference the French and Spanish ones are checked against
// (same keys; plurals with every category the language needs). Interpolated values are inserted as given; the
// HTML part escapes the whole rendered text.

/** A resource with these keys: every language has the same. */
export type Messages<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const en = {
  instrument: {
    named: '{{reference}} "{{title}}"',
    someRef: 'an instrument',
    someNamed: 'the instrument',
    refSuffix: ': {{reference}}',
  },
  round: {
    numbered: 'round {{number}} of the consultation',
    unnumbered: 'the consultation',
  },
  at: {
    both: '{{utc}} ({{local}})',
    zoned: '{{at}} ({{zone}})',
  },
  due: ' Comments are due by {{at}}.',
  daysLeft_one: ' The deadline is {{count}} day away.',
  daysLeft_many: ' The deadline is {{count}} days away.',
  daysLeft_other: ' The deadline is {{count}} days away.',
  stage: {
    DRAFTING: 'drafting',
    CONSULTATION: 'consultation',
    CONSOLIDATION: 'consolidation',
    EXPERTS_MEETING: "the experts' meeting",
    GB_SUBMISSION: 'submission to the Governing Body',
    DECIDED: 'decided',
    WITHDRAWN: 'withdrawn',
  },
  disposition: {
    ACCEPTED: 'accepted',
    PARTIALLY_ACCEPTED: 'partially accepted',
    NOT_ACCEPTED: 'not accepted',
    NOTED: 'noted',
  },
  decision: {
    APPROVED: 'approved',
    APPROVED_WITH_AMENDMENTS: 'approved with amendments',
    NOT_APPROVED: 'not approved',
    DEFERRED: 'deferred',
    REFERRED_BACK: 'referred back',
  },
  updated: 'updated',
  consultationScheduled: {
    title: 'Consultation scheduled: {{ref}}',
    body: 'The secretariat has scheduled {{round}} on {{named}}.{{due}}',
  },
  consultationOpened: {
    title: 'Consultation open: {{ref}}',
    body: '{{Round}} on {{named}} is open for comments.{{due}}',
  },
  consultationExtended: {
    title: 'Deadline extended: {{ref}}',
    body: 'The deadline of {{round}} on {{named}} has been extended{{from}}{{to}}.{{reason}}',
    reason: ' Reason: {{reason}}',
    from: ' from {{at}}',
    to: ' to {{at}}',
  },
  consultationReminder: {
    title: 'Reminder: comments on {{ref}}',
    body: 'Your organization has not submitted a comment in {{round}} on {{named}} yet.{{due}}{{daysLeft}}',
  },
  consultationClosed: {
    title: 'Consultation closed: {{ref}}',
    body: '{{Round}} on {{named}} has closed{{deadline}}. The secretariat now considers the comments.',
    deadline: ' (deadline {{at}})',
  },
  commentDisposed: {
    title: 'Your comment on {{ref}} was answered',
    body: "The secretariat has recorded its disposition of your organization's comment{{where}} on {{named}}: {{disposition}}.{{note}}{{excerpt}}",
    guideline: ' on guideline {{number}}',
    general: ' (general comment)',
    note: ' Note of the secretariat: {{note}}',
    excerpt: ' Your comment: "{{text}}"',
  },
  stageChanged: {
    title: '{{Ref}} moved to {{to}}',
    body: '{{Named}} moved from {{from}} to {{to}}.',
  },
  meetingScheduled: {
    title: "Experts' meeting scheduled: {{ref}}",
    body: 'A tripartite meeting of experts on {{named}} has been scheduled{{starts}}.',
    starts: '; it starts {{at}}',
  },
  meetingReminder: {
    title: "Reminder: experts' meeting on {{ref}}",
    body: 'The tripartite meeting of experts on {{named}} starts {{at}}.',
    bodySoon: 'The tripartite meeting of experts on {{named}} starts soon.',
  },
  gbDeadline: {
    title: 'Governing Body papers due{{suffix}}',
    body: 'Papers for the coming Governing Body session are due by {{at}}.',
    bodyUndated: 'Papers for the coming Governing Body session are due by the document deadline.',
  },
  gbDecided: {
    title: 'Governing Body decision on {{ref}}',
    body: "The Governing Body's decision on {{named}}: {{decision}}.",
  },
  auditCheckpoint: {
    title: 'Audit checkpoint{{suffix}}',
    body: 'A signed checkpoint of the audit log was written{{at}}.',
    at: ' at event {{sequence}}',
  },
  email: {
    greeting: 'Hello {{name}},',
    footer:
      'You receive this email because of your role in the consultation. You can turn off emails about "{{kind}}" on the Settings page of the application (Settings, at the top of every page); the notifications stay in the application.',
    /** With APP_URL set: the address of the settings page. */
    /** With APP_URL set: the page the email is about. */
    open: 'Open it in the application: {{url}}',
    footerLink:
      'You receive this email because of your role in the consultation. You can turn off emails about "{{kind}}" on your settings page: {{url}} (the notifications stay in the application).',
    /** In the subject, after the title. */
    subjectDeadline: {
      commentsDue: ' (comments due {{at}})',
      commentsNowDue: ' (comments now due {{at}})',
      closed: ' (closed {{at}})',
      starts: ' (starts {{at}})',
      papersDue: ' (papers due {{at}})',
    },
    /** Above the deadline's two times in the body. */
    deadlineHeading: {
      commentsDue: 'Comments due:',
      commentsNowDue: 'Comments now due:',
      closed: 'Closed:',
      starts: 'Starts:',
      papersDue: 'Papers due:',
    },
  },
  /** The page of an email's unsubscribe link. */
  unsubscribe: {
    title: 'Email notifications',
    question: 'Turn off emails about "{{kind}}"? In-app notifications continue.',
    button: 'Unsubscribe',
    done: 'Emails about "{{kind}}" are turned off.',
    already: 'Emails about "{{kind}}" were already off.',
    invalid: 'This unsubscribe link is not valid.',
  },
};
