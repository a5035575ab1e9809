// The settings area's words (top-level key `settings`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = {
  settings: {
    title: 'Settings',
    language: {
      title: 'Language',
      intro: 'The language of your pages and of the e-mails you receive. It is kept with your account, on every device.',
      legend: 'Your language',
      saved: 'Language saved: {{language}}.',
    },
    email: {
      title: 'E-mails',
      intro: 'Choose which notifications also come to you by e-mail. Every notification stays on your home page either way.',
      legend: 'Send me an e-mail about',
      save: 'Save e-mail preferences',
      saving: 'Saving…',
      saved: 'E-mail preferences saved.',
      unsaved: 'You have changes that are not saved yet.',
    },
    kinds: {
      consultationScheduled: 'A consultation is scheduled',
      consultationOpened: 'A consultation opens',
      consultationExtended: 'A consultation’s deadline is extended',
      consultationReminder: 'Reminders before a consultation closes',
      consultationClosed: 'A consultation closes',
      commentDisposed: 'The secretariat decides on a comment',
      stageChanged: 'An instrument moves to another stage',
      meetingScheduled: 'A meeting of experts is scheduled',
      meetingReminder: 'Reminders before a meeting of experts',
      gbDeadline: 'Governing Body document deadlines',
      gbDecided: 'The Governing Body decides',
      auditCheckpoint: 'Audit checkpoints',
    },
  },
};

export const fr: Strings<typeof en> = {
  settings: {
    title: 'Paramètres',
    language: {
      title: 'Langue',
      intro: 'La langue de vos pages et des courriels que vous recevez. Elle est enregistrée avec votre compte, sur tous vos appareils.',
      legend: 'Votre langue',
      saved: 'Langue enregistrée : {{language}}.',
    },
    email: {
      title: 'Courriels',
      intro: 'Choisissez les notifications que vous recevez aussi par courriel. Toutes les notifications restent de toute façon sur votre page d’accueil.',
      legend: 'M’envoyer un courriel quand',
      save: 'Enregistrer les préférences de courriel',
      saving: 'Enregistrement…',
      saved: 'Préférences de courriel enregistrées.',
      unsaved: 'Certaines modifications ne sont pas encore enregistrées.',
    },
    kinds: {
      consultationScheduled: 'Une consultation est programmée',
      consultationOpened: 'Une consultation s’ouvre',
      consultationExtended: 'Le délai d’une consultation est prolongé',
      consultationReminder: 'Rappels avant la clôture d’une consultation',
      consultationClosed: 'Une consultation est close',
      commentDisposed: 'Le secrétariat statue sur un commentaire',
      stageChanged: 'Un instrument passe à une autre étape',
      meetingScheduled: 'Une réunion d’experts est programmée',
      meetingReminder: 'Rappels avant une réunion d’experts',
      gbDeadline: 'Délais des documents du Conseil d’administration',
      gbDecided: 'Le Conseil d’administration décide',
      auditCheckpoint: 'Points de contrôle de l’audit',
    },
  },
};

export const es: Strings<typeof en> = {
  settings: {
    title: 'Configuración',
    language: {
      title: 'Idioma',
      intro: 'El idioma de sus páginas y de los correos que recibe. Se guarda con su cuenta, en todos sus dispositivos.',
      legend: 'Su idioma',
      saved: 'Idioma guardado: {{language}}.',
    },
    email: {
      title: 'Correos electrónicos',
      intro: 'Elija qué notificaciones recibe también por correo. Todas las notificaciones siguen en su página de inicio de todos modos.',
      legend: 'Enviarme un correo cuando',
      save: 'Guardar las preferencias de correo',
      saving: 'Guardando…',
      saved: 'Preferencias de correo guardadas.',
      unsaved: 'Hay cambios que aún no se han guardado.',
    },
    kinds: {
      consultationScheduled: 'Se programa una consulta',
      consultationOpened: 'Se abre una consulta',
      consultationExtended: 'Se prorroga el plazo de una consulta',
      consultationReminder: 'Recordatorios antes del cierre de una consulta',
      consultationClosed: 'Se cierra una consulta',
      commentDisposed: 'La secretaría decide sobre un comentario',
      stageChanged: 'Un instrumento pasa a otra etapa',
      meetingScheduled: 'Se programa una reunión de expertos',
      meetingReminder: 'Recordatorios antes de una reunión de expertos',
      gbDeadline: 'Plazos de los documentos del Consejo de Administración',
      gbDecided: 'El Consejo de Administración decide',
      auditCheckpoint: 'Puntos de control de la auditoría',
    },
  },
};
