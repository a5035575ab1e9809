import type { Messages } from './en';

// El español de la Organización: comillas «», términos de la OIT (Consejo de Administración, reunión tripartita de expertos).
export const es: Messages = {
  instrument: {
    named: '{{reference}} «{{title}}»',
    someRef: 'un instrumento',
    someNamed: 'el instrumento',
    refSuffix: ': {{reference}}',
  },
  round: {
    numbered: 'la consulta (ronda {{number}})',
    unnumbered: 'la consulta',
  },
  at: {
    both: '{{utc}} ({{local}})',
    zoned: '{{at}} ({{zone}})',
  },
  due: ' Comentarios hasta el {{at}}.',
  daysLeft_one: ' Queda {{count}} día de plazo.',
  daysLeft_many: ' Quedan {{count}} días de plazo.',
  daysLeft_other: ' Quedan {{count}} días de plazo.',
  stage: {
    DRAFTING: 'redacción',
    CONSULTATION: 'consulta',
    CONSOLIDATION: 'consolidación',
    EXPERTS_MEETING: 'reunión tripartita de expertos',
    GB_SUBMISSION: 'presentación al Consejo de Administración',
    DECIDED: 'decisión adoptada',
    WITHDRAWN: 'retirado',
  },
  disposition: {
    ACCEPTED: 'aceptado',
    PARTIALLY_ACCEPTED: 'aceptado parcialmente',
    NOT_ACCEPTED: 'no aceptado',
    NOTED: 'se toma nota',
  },
  decision: {
    APPROVED: 'aprobado',
    APPROVED_WITH_AMENDMENTS: 'aprobado con enmiendas',
    NOT_APPROVED: 'no aprobado',
    DEFERRED: 'aplazado',
    REFERRED_BACK: 'devuelto para nuevo examen',
  },
  updated: 'actualizado',
  consultationScheduled: {
    title: 'Consulta programada: {{ref}}',
    body: 'La Secretaría ha programado {{round}} sobre {{named}}.{{due}}',
  },
  consultationOpened: {
    title: 'Se ha abierto la consulta: {{ref}}',
    body: '{{Round}} sobre {{named}} está abierta a comentarios.{{due}}',
  },
  consultationExtended: {
    title: 'Plazo prorrogado: {{ref}}',
    body: 'Se ha prorrogado el plazo de {{round}} sobre {{named}}{{from}}{{to}}.{{reason}}',
    reason: ' Motivo: {{reason}}',
    from: ' del {{at}}',
    to: ' al {{at}}',
  },
  consultationReminder: {
    title: 'Recordatorio: comentarios sobre {{ref}}',
    body: 'Su organización aún no ha presentado ningún comentario en {{round}} sobre {{named}}.{{due}}{{daysLeft}}',
  },
  consultationClosed: {
    title: 'Consulta cerrada: {{ref}}',
    body: '{{Round}} sobre {{named}} se ha cerrado{{deadline}}. La Secretaría examina ahora los comentarios.',
    deadline: ' (plazo: {{at}})',
  },
  commentDisposed: {
    title: 'Respuesta a su comentario sobre {{ref}}',
    body: 'La Secretaría ha registrado el tratamiento dado al comentario de su organización{{where}} sobre {{named}}: {{disposition}}.{{note}}{{excerpt}}',
    guideline: ' relativo a la directriz {{number}}',
    general: ' (comentario general)',
    note: ' Nota de la Secretaría: {{note}}',
    excerpt: ' Su comentario: «{{text}}»',
  },
  stageChanged: {
    title: '{{Ref}}: paso a la etapa «{{to}}»',
    body: '{{Named}} pasó de la etapa «{{from}}» a la etapa «{{to}}».',
  },
  meetingScheduled: {
    title: 'Reunión de expertos programada: {{ref}}',
    body: 'Se ha programado una reunión tripartita de expertos sobre {{named}}{{starts}}.',
    starts: '; comienza el {{at}}',
  },
  meetingReminder: {
    title: 'Recordatorio: reunión de expertos sobre {{ref}}',
    body: 'La reunión tripartita de expertos sobre {{named}} comienza el {{at}}.',
    bodySoon: 'La reunión tripartita de expertos sobre {{named}} comienza pronto.',
  },
  gbDeadline: {
    title: 'Documentos para el Consejo de Administración{{suffix}}',
    body: 'Los documentos para la próxima reunión del Consejo de Administración deben presentarse hasta el {{at}}.',
    bodyUndated:
      'Los documentos para la próxima reunión del Consejo de Administración deben presentarse antes de la fecha límite de presentación de documentos.',
  },
  gbDecided: {
    title: 'Decisión del Consejo de Administración sobre {{ref}}',
    body: 'Decisión del Consejo de Administración sobre {{named}}: {{decision}}.',
  },
  auditCheckpoint: {
    title: 'Punto de control de la auditoría{{suffix}}',
    body: 'Se ha registrado un punto de control firmado del registro de auditoría{{at}}.',
    at: ' en el evento n.º {{sequence}}',
  },
  email: {
    greeting: 'Hola, {{name}}:',
    footer:
      'Recibe este correo electrónico por su función en la consulta. Puede desactivar los correos «{{kind}}» en la página Configuración de la aplicación (Configuración, en la parte superior de cada página); las notificaciones seguirán disponibles en la aplicación.',
    /** With APP_URL set: the page the email is about. */
    open: 'Ábralo en la aplicación: {{url}}',
    footerLink:
      'Recibe este correo electrónico por su función en la consulta. Puede desactivar los correos «{{kind}}» en su página de configuración: {{url}} (las notificaciones seguirán disponibles en la aplicación).',
    subjectDeadline: {
      commentsDue: ' (comentarios hasta el {{at}})',
      commentsNowDue: ' (nuevo plazo para comentarios: {{at}})',
      closed: ' (cerrada el {{at}})',
      starts: ' (comienza el {{at}})',
      papersDue: ' (documentos hasta el {{at}})',
    },
    deadlineHeading: {
      commentsDue: 'Plazo para comentarios:',
      commentsNowDue: 'Nuevo plazo para comentarios:',
      closed: 'Cierre:',
      starts: 'Inicio:',
      papersDue: 'Plazo para los documentos:',
    },
  },
  unsubscribe: {
    title: 'Notificaciones por correo electrónico',
    question: '¿Dejar de recibir correos «{{kind}}»? Las notificaciones en la aplicación continúan.',
    button: 'Darse de baja',
    done: 'Los correos «{{kind}}» están desactivados.',
    already: 'Los correos «{{kind}}» ya estaban desactivados.',
    invalid: 'Este enlace para darse de baja no es válido.',
  },
};
