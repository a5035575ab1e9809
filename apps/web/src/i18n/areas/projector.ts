// The projector area's words (top-level key `projector`); English is the reference, French and Spanish have its keys.
// The board in the room (projector view, board links), the console's shortcut setting and skip link, and the
// warning before a personal session ends.
import type { Strings } from '../strings';

export const en = {
  projector: {
    projectorView: 'Projector view',
    tableView: 'Table view',
    fullScreen: 'Full screen',
    underDiscussion: 'Under discussion',
    lastChanged: 'Last changed',
    justChanged: 'Just changed',
    adoptedText: 'Adopted text',
    amendmentPositions: 'Positions on the amendment by {{group}}',
    amendmentOutcome: 'Amendment by {{group}}:',
    ofAmendment: 'amendment by {{group}}',
    others: 'The other agenda items',
    room: {
      refused: 'This board link does not open the board',
      refusedHint: 'It may have been revoked or have expired, or it was copied incompletely. Ask the secretariat for a new link.',
    },
    links: {
      title: 'Board links for the room',
      intro:
        'A board link opens this meeting’s board in projector view without signing in. It can only read the board. Anyone with the link can, until it expires or is revoked.',
      label: 'Label (for example, the room’s name)',
      create: 'Create a board link',
      creating: 'Creating…',
      created: 'Board link created. Copy it now: it is shown only once.',
      linkField: 'The new board link',
      copy: 'Copy',
      copied: 'Copied.',
      none: 'No board link is active.',
      active: 'Active links',
      expires: 'Expires',
      revoke: 'Revoke',
      revokeNamed: 'Revoke {{label}}',
      revoked: '{{label}} revoked: it no longer opens the board.',
    },
    shortcuts: {
      toggle: 'Single-key shortcuts',
      on: 'Single-key shortcuts are on.',
      off: 'Single-key shortcuts are off: use the buttons.',
      skip: 'Skip to the position buttons',
    },
  },
};

export const fr: Strings<typeof en> = {
  projector: {
    projectorView: 'Vue projecteur',
    tableView: 'Vue tableau',
    fullScreen: 'Plein écran',
    underDiscussion: 'En discussion',
    lastChanged: 'Dernière modification',
    justChanged: 'Vient de changer',
    adoptedText: 'Texte adopté',
    amendmentPositions: 'Positions sur l’amendement des {{group}}',
    amendmentOutcome: 'Amendement des {{group}} :',
    ofAmendment: 'amendement des {{group}}',
    others: 'Les autres points de l’ordre du jour',
    room: {
      refused: 'Ce lien n’ouvre pas le tableau',
      refusedHint: 'Il a peut-être été révoqué ou a expiré, ou il a été copié incomplètement. Demandez un nouveau lien au secrétariat.',
    },
    links: {
      title: 'Liens du tableau pour la salle',
      intro:
        'Un lien du tableau ouvre le tableau de cette réunion en vue projecteur sans connexion. Il ne permet que de lire le tableau. Quiconque a le lien le peut, jusqu’à son expiration ou sa révocation.',
      label: 'Libellé (par exemple, le nom de la salle)',
      create: 'Créer un lien du tableau',
      creating: 'Création…',
      created: 'Lien du tableau créé. Copiez-le maintenant : il n’est affiché qu’une fois.',
      linkField: 'Le nouveau lien du tableau',
      copy: 'Copier',
      copied: 'Copié.',
      none: 'Aucun lien du tableau n’est actif.',
      active: 'Liens actifs',
      expires: 'Expire',
      revoke: 'Révoquer',
      revokeNamed: 'Révoquer {{label}}',
      revoked: '{{label}} révoqué : il n’ouvre plus le tableau.',
    },
    shortcuts: {
      toggle: 'Raccourcis à une touche',
      on: 'Les raccourcis à une touche sont activés.',
      off: 'Les raccourcis à une touche sont désactivés : utilisez les boutons.',
      skip: 'Aller aux boutons de position',
    },
  },
};

export const es: Strings<typeof en> = {
  projector: {
    projectorView: 'Vista de proyector',
    tableView: 'Vista de tabla',
    fullScreen: 'Pantalla completa',
    underDiscussion: 'En discusión',
    lastChanged: 'Último cambio',
    justChanged: 'Acaba de cambiar',
    adoptedText: 'Texto adoptado',
    amendmentPositions: 'Posiciones sobre la enmienda de {{group}}',
    amendmentOutcome: 'Enmienda de {{group}}:',
    ofAmendment: 'enmienda de {{group}}',
    others: 'Los demás puntos del orden del día',
    room: {
      refused: 'Este enlace no abre el tablero',
      refusedHint: 'Puede haber sido revocado o haber caducado, o se copió de forma incompleta. Pida un nuevo enlace a la secretaría.',
    },
    links: {
      title: 'Enlaces del tablero para la sala',
      intro:
        'Un enlace del tablero abre el tablero de esta reunión en vista de proyector sin iniciar sesión. Solo permite leer el tablero. Cualquiera que tenga el enlace puede hacerlo, hasta que caduque o se revoque.',
      label: 'Etiqueta (por ejemplo, el nombre de la sala)',
      create: 'Crear un enlace del tablero',
      creating: 'Creando…',
      created: 'Enlace del tablero creado. Cópielo ahora: solo se muestra una vez.',
      linkField: 'El nuevo enlace del tablero',
      copy: 'Copiar',
      copied: 'Copiado.',
      none: 'No hay ningún enlace del tablero activo.',
      active: 'Enlaces activos',
      expires: 'Caduca',
      revoke: 'Revocar',
      revokeNamed: 'Revocar {{label}}',
      revoked: '{{label}} revocado: ya no abre el tablero.',
    },
    shortcuts: {
      toggle: 'Atajos de una tecla',
      on: 'Los atajos de una tecla están activados.',
      off: 'Los atajos de una tecla están desactivados: use los botones.',
      skip: 'Ir a los botones de posición',
    },
  },
};
