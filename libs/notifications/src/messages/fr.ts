import type { Messages } from './en';

// Le français de l'Organisation: typographie française (espace avant « : », guillemets « »), termes de l'OIT.
export const fr: Messages = {
  instrument: {
    named: '{{reference}} « {{title}} »',
    someRef: 'un instrument',
    someNamed: "l'instrument",
    refSuffix: ' : {{reference}}',
  },
  round: {
    numbered: 'la consultation (cycle {{number}})',
    unnumbered: 'la consultation',
  },
  at: {
    both: '{{utc}} ({{local}})',
    zoned: '{{at}} ({{zone}})',
  },
  due: ' Les commentaires sont attendus avant le {{at}}.',
  daysLeft_one: ' La date limite est dans {{count}} jour.',
  daysLeft_many: ' La date limite est dans {{count}} jours.',
  daysLeft_other: ' La date limite est dans {{count}} jours.',
  stage: {
    DRAFTING: 'rédaction',
    CONSULTATION: 'consultation',
    CONSOLIDATION: 'consolidation',
    EXPERTS_MEETING: "réunion tripartite d'experts",
    GB_SUBMISSION: "soumission au Conseil d'administration",
    DECIDED: 'décision prise',
    WITHDRAWN: 'retiré',
  },
  disposition: {
    ACCEPTED: 'accepté',
    PARTIALLY_ACCEPTED: 'partiellement accepté',
    NOT_ACCEPTED: 'non accepté',
    NOTED: 'pris en note',
  },
  decision: {
    APPROVED: 'approuvé',
    APPROVED_WITH_AMENDMENTS: 'approuvé avec amendements',
    NOT_APPROVED: 'non approuvé',
    DEFERRED: 'reporté',
    REFERRED_BACK: 'renvoyé pour réexamen',
  },
  updated: 'mis à jour',
  consultationScheduled: {
    title: 'Consultation programmée : {{ref}}',
    body: 'Le secrétariat a programmé {{round}} sur {{named}}.{{due}}',
  },
  consultationOpened: {
    title: 'Consultation ouverte : {{ref}}',
    body: '{{Round}} sur {{named}} est ouverte aux commentaires.{{due}}',
  },
  consultationExtended: {
    title: 'Date limite prorogée : {{ref}}',
    body: 'La date limite de {{round}} sur {{named}} a été prorogée{{from}}{{to}}.{{reason}}',
    reason: ' Motif : {{reason}}',
    from: ' du {{at}}',
    to: ' au {{at}}',
  },
  consultationReminder: {
    title: 'Rappel : commentaires sur {{ref}}',
    body: "Votre organisation n'a pas encore soumis de commentaire dans le cadre de {{round}} sur {{named}}.{{due}}{{daysLeft}}",
  },
  consultationClosed: {
    title: 'Consultation close : {{ref}}',
    body: '{{Round}} sur {{named}} est close{{deadline}}. Le secrétariat examine à présent les commentaires.',
    deadline: ' (date limite : {{at}})',
  },
  commentDisposed: {
    title: 'Réponse à votre commentaire sur {{ref}}',
    body: 'Le secrétariat a consigné la suite donnée au commentaire de votre organisation{{where}} sur {{named}} : {{disposition}}.{{note}}{{excerpt}}',
    guideline: ' relatif à la ligne directrice {{number}}',
    general: ' (commentaire général)',
    note: ' Note du secrétariat : {{note}}',
    excerpt: ' Votre commentaire : « {{text}} »',
  },
  stageChanged: {
    title: '{{Ref}} : passage à l’étape « {{to}} »',
    body: '{{Named}} est passé de l’étape « {{from}} » à l’étape « {{to}} ».',
  },
  meetingScheduled: {
    title: "Réunion d'experts programmée : {{ref}}",
    body: "Une réunion tripartite d'experts sur {{named}} a été programmée{{starts}}.",
    starts: ' ; elle commence le {{at}}',
  },
  meetingReminder: {
    title: "Rappel : réunion d'experts sur {{ref}}",
    body: "La réunion tripartite d'experts sur {{named}} commence le {{at}}.",
    bodySoon: "La réunion tripartite d'experts sur {{named}} commence bientôt.",
  },
  gbDeadline: {
    title: "Documents attendus pour le Conseil d'administration{{suffix}}",
    body: "Les documents pour la prochaine session du Conseil d'administration sont attendus avant le {{at}}.",
    bodyUndated: "Les documents pour la prochaine session du Conseil d'administration sont attendus avant la date limite de soumission des documents.",
  },
  gbDecided: {
    title: "Décision du Conseil d'administration sur {{ref}}",
    body: "Décision du Conseil d'administration concernant {{named}} : {{decision}}.",
  },
  auditCheckpoint: {
    title: "Point de contrôle de l'audit{{suffix}}",
    body: "Un point de contrôle signé du journal d'audit a été enregistré{{at}}.",
    at: " à l'événement n° {{sequence}}",
  },
  email: {
    greeting: 'Bonjour {{name}},',
    footer:
      'Vous recevez ce courriel en raison de votre rôle dans la consultation. Vous pouvez désactiver les courriels « {{kind}} » sur la page Paramètres de l’application (Paramètres, en haut de chaque page) ; les notifications restent disponibles dans l’application.',
    /** With APP_URL set: the page the email is about. */
    open: 'Ouvrir dans l’application : {{url}}',
    footerLink:
      'Vous recevez ce courriel en raison de votre rôle dans la consultation. Vous pouvez désactiver les courriels « {{kind}} » sur votre page de paramètres : {{url}} (les notifications restent disponibles dans l’application).',
    subjectDeadline: {
      commentsDue: ' (commentaires attendus avant le {{at}})',
      commentsNowDue: ' (nouvelle date limite des commentaires : {{at}})',
      closed: ' (close le {{at}})',
      starts: ' (début le {{at}})',
      papersDue: ' (documents attendus avant le {{at}})',
    },
    deadlineHeading: {
      commentsDue: 'Date limite des commentaires :',
      commentsNowDue: 'Nouvelle date limite des commentaires :',
      closed: 'Clôture :',
      starts: 'Début :',
      papersDue: 'Date limite des documents :',
    },
  },
  unsubscribe: {
    title: 'Notifications par courriel',
    question: 'Ne plus recevoir de courriels « {{kind}} » ? Les notifications dans l’application continuent.',
    button: 'Se désabonner',
    done: 'Les courriels « {{kind}} » sont désactivés.',
    already: 'Les courriels « {{kind}} » étaient déjà désactivés.',
    invalid: 'Ce lien de désabonnement n’est pas valide.',
  },
};
