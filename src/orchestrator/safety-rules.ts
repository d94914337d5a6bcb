/**
 * The safety rule table. Every pattern runs against {@link normalizeForMatch} output: lower-case, accents
 * stripped (`lösche` → `losche`, `données` → `donnees`), whitespace collapsed. Keywords cover English, Spanish,
 * French, German and Portuguese for the destructive rules. Rules are tried in table order; the first match wins.
 */

/** `reject`: never planned, reported in `rejected_instructions`; `warn`: planned, reported as a warning. */
export type SafetySeverity = 'reject' | 'warn';

/** One safety rule: a stable kebab-case `id`, a reason a human can read, and the patterns that trigger it. */
export interface SafetyRule {
  readonly id: string;
  readonly severity: SafetySeverity;
  readonly reason: string;
  readonly patterns: readonly RegExp[];
}

/** Lower-cases, strips Latin accents, unifies curly apostrophes and collapses whitespace. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** `(?:a|b)` with ASCII word boundaries, so accented-then-stripped and CJK neighbours both work. */
function alt(words: readonly string[]): string {
  return `(?:${words.join('|')})`;
}

/**
 * A verb followed, within `gapWords` words, by an object. `notAfterVerb` excludes adjectival uses
 * ("delete button"); `notAfterObject` excludes compound nouns ("password field").
 */
function verbObject(
  verbs: readonly string[],
  objects: readonly string[],
  opts: { gapWords?: number; notAfterVerb?: readonly string[]; notAfterObject?: readonly string[] } = {},
): RegExp {
  const gap = opts.gapWords ?? 3;
  const notVerb = opts.notAfterVerb ? `(?!\\s+${alt(opts.notAfterVerb)}(?![a-z0-9]))` : '';
  const notObject = opts.notAfterObject ? `(?!\\s*${alt(opts.notAfterObject)})` : '';
  const gapWord = `(?!${alt(CLAUSE_WORDS)}(?![a-z0-9]))[^\\s.;]+`;
  return new RegExp(
    `(?<![a-z0-9])${alt(verbs)}(?![a-z0-9])${notVerb}(?:\\s+${gapWord}){0,${gap}}?\\s+${alt(objects)}(?![a-z0-9])${notObject}`,
  );
}

/** Words that end the verb's reach: a verb and an object separated by one of these belong to different clauses. */
// prettier-ignore
const CLAUSE_WORDS = [
  'when', 'if', 'that', 'which', 'where', 'because', 'and', 'or', 'but', 'after', 'before', 'while', 'with', 'without',
  'to', 'is', 'are', 'was', 'were', 'on', 'for', 'error', 'message', 'between', 'into', 'cuando', 'si', 'que', 'quand',
  'wenn', 'dass', 'quando', 'y', 'et', 'und', 'e', 'ou', 'oder',
];

// prettier-ignore
const ADJECTIVAL_USES = [
  'button', 'buttons', 'icon', 'link', 'option', 'action', 'endpoint', 'endpoints', 'route', 'routes', 'operation',
  'confirmation', 'dialog', 'modal', 'permission', 'permissions', 'feature', 'functionality', 'handler', 'method',
  'request', 'flow', 'api', 'menu', 'command',
];

// prettier-ignore
const FS_VERBS = [
  'delete', 'remove', 'erase', 'wipe', 'destroy', 'nuke', 'purge', 'borra', 'borrar', 'borre', 'borrad', 'elimina',
  'eliminar', 'elimine', 'suprime', 'suprimir', 'supprime', 'supprimer', 'supprimez', 'efface', 'effacer', 'effacez',
  'detruis', 'detruire', 'losche', 'loschen', 'loscht', 'losch', 'entferne', 'entfernen', 'apaga', 'apagar', 'apague',
  'exclua', 'excluir', 'exclui', 'deletar', 'delete', 'remova', 'remover',
];
// prettier-ignore
const ALL_FILES = [
  '(?:all|every|each)(?: of)?(?: the| my| your| our)? (?:files?|folders?|directories|everything)', 'everything',
  'todos los (?:archivos|ficheros|directorios)', 'todas las carpetas', 'tous les (?:fichiers|dossiers|repertoires)',
  '(?:alle|samtliche) (?:dateien|ordner|verzeichnisse)', 'todos os (?:arquivos|ficheiros|diretorios)',
  'todas as pastas',
];
// prettier-ignore
const DISK = [
  '(?:the |my |your |our )?(?:entire |whole )?(?:hard )?(?:disk|drive|filesystem|file system)',
  '(?:el )?disco(?: duro)?', '(?:le |tout le )?disque(?: dur)?', '(?:die )?(?:festplatte|laufwerk)', '(?:o )?disco',
];

// prettier-ignore
const DB_VERBS = [
  "(?<!drag (?:and|&|n|'n') )drop", 'delete', 'remove', 'wipe', 'destroy', 'erase', 'purge', 'nuke', 'truncate',
  'borra', 'borrar', 'borre', 'elimina', 'eliminar', 'elimine', 'vacia', 'vaciar', 'destruye', 'destruir', 'supprime',
  'supprimer', 'supprimez', 'efface', 'effacer', 'effacez', 'vide', 'vider', 'videz', 'detruire', 'losche', 'loschen',
  'loscht', 'losch', 'entferne', 'entfernen', 'leere', 'leeren', 'apaga', 'apagar', 'apague', 'exclua', 'excluir',
  'exclui', 'deletar', 'remova', 'remover', 'destrua', 'destruir',
];
// prettier-ignore
const DB_OBJECTS = [
  'databases?', 'db', '(?:database|db) tables', 'all (?:the )?(?:database |db )?tables', 'bases? de datos',
  'todas las tablas', 'bases? de donnees', 'toutes les tables', 'datenbank(?:en)?', 'alle tabellen',
  'bancos? de dados', 'bases? de dados', 'todas as tabelas',
];
// prettier-ignore
const DB_OBJECT_COMPOUNDS = [
  'column', 'field', 'index', 'migration', 'connection', 'driver', 'call', 'quer', 'record', 'row', 'entr', 'backup',
  'schema file', 'client', 'pool', 'url', 'config',
];

// prettier-ignore
const SECRET_VERBS = [
  'print', 'reveal', 'dump', 'output', 'echo', 'cat', 'leak', 'send', 'exfiltrate', 'upload', 'post', 'expose',
  'give me', 'tell me', 'email', 'read out', '(?:show|display|list) (?:me|all|every|your)',
  'imprime', 'imprimir', 'revela', 'revelar', 'envia', 'enviar', 'dame', 'dime', 'muestrame',
  '(?:muestra|mostrar) (?:todas|todos|tus|sus)',
  'imprimer', 'imprimez', 'revele', 'reveler', 'revelez', 'envoie', 'envoyer', 'donne-moi', 'donnez-moi', 'montre-moi',
  'montrez-moi', '(?:affiche|afficher|affichez|montre|montrez) (?:tous|toutes|tes|vos)',
  'drucke', 'verrate', 'sende', 'schicke', 'gib mir', 'gib (?:alle|deine)', 'zeig(?:e)? mir', 'zeig(?:e)? (?:alle|deine)',
  'imprima', 'revele', 'envie', 'mostre-me', 'me mostre', '(?:mostre|mostra|exiba) (?:todas|todos|suas|seus)',
];
// prettier-ignore
const SECRET_OBJECTS = [
  'secrets?', 'api[ _-]?keys?', 'access[ _-]?keys?', 'secret[ _-]?keys?', 'private[ _-]?keys?', 'ssh[ _-]?keys?',
  'credentials?', 'passwords?', '(?:access|auth|api|bearer|github|npm) tokens?',
  'env(?:ironment)?[ _-]?var(?:iable)?s?', '\\.env', 'process\\.env', 'system prompt', 'connection strings?',
  'secretos', 'claves? de (?:la )?api', 'credenciales', 'contrasenas', 'variables de entorno', 'prompt del sistema',
  "cles? (?:d'|de l')?api", 'identifiants', 'mots de passe', "variables d'environnement", 'invite systeme',
  'prompt systeme', 'geheimnisse', 'api-schlussel', 'schlussel', 'zugangsdaten', 'passworter', 'kennworter',
  'umgebungsvariablen', 'system-?prompt', 'segredos', 'chaves? de api', 'credenciais', 'senhas',
  'variaveis de ambiente', 'prompt do sistema',
];
// prettier-ignore
const SECRET_COMPOUNDS = [
  'field', 'input', 'box', 'form', 'reset', 'strength', 'hash', 'policy', 'rotation', 'manager', 'button', 'validation',
  'page', 'screen', 'component', 'recovery', 'change', 'requirement', 'visibility', 'toggle', 'meter', 'rules',
  'names?', 'setup', 'configuration', 'template', 'example', 'schema', 'documentation',
];

/** The rules, in the order they are tried. */
export const SAFETY_RULES: readonly SafetyRule[] = [
  {
    id: 'pipe-to-shell',
    severity: 'reject',
    reason: 'Piping a download straight into a shell runs unreviewed remote code.',
    patterns: [
      /(?<![a-z0-9])(?:curl|wget|fetch)(?![a-z0-9])[^|\n]*\|\s*(?:sudo\s+)?(?:sh|bash|zsh|ksh|dash|fish|python[23]?|node|perl|ruby)(?![a-z0-9])/,
      /(?<![a-z0-9])(?:iwr|irm|invoke-webrequest|invoke-restmethod)(?![a-z0-9])[^|\n]*\|\s*(?:iex|invoke-expression)(?![a-z0-9])/,
      /(?<![a-z0-9])iex\s*\(+\s*(?:new-object\s+(?:system\.)?net\.webclient|iwr|irm|invoke-webrequest|invoke-restmethod)/,
      /(?<![a-z0-9])(?:bash|sh|zsh)\s+(?:-c\s+)?["']?\s*[<$]\(\s*(?:curl|wget)(?![a-z0-9])/,
    ],
  },
  {
    id: 'destructive-filesystem',
    severity: 'reject',
    reason: 'Deleting or wiping files or disks wholesale destroys work and cannot be undone.',
    patterns: [
      /(?<![a-z0-9])rm\s+(?:-{1,2}[a-z-]+\s+)+(?:\/\*?|~\/?\*?|\*|\$home\/?|\.\/?\*?)(?=$|[\s;&|'"`])/,
      /(?<![a-z0-9])(?:del|rmdir|rd)\s+(?:\/[a-z]\s+)*\/s(?![a-z0-9])/,
      /(?<![a-z0-9])(?:format\s+[a-z]:|mkfs(?:\.[a-z0-9]+)?|dd\s+if=\S+\s+of=\/dev\/)/,
      verbObject(FS_VERBS, ALL_FILES, { gapWords: 0, notAfterVerb: ADJECTIVAL_USES }),
      verbObject(
        [
          'wipe',
          'format',
          'formatea',
          'formatear',
          'formate',
          'formater',
          'formatez',
          'formatiere',
          'formatieren',
          'formata',
          'formatar',
          'formate',
          'erase',
          'destroy',
          'borra',
          'borrar',
          'efface',
          'effacer',
          'losche',
          'apaga',
          'apagar',
        ],
        DISK,
        { gapWords: 0 },
      ),
      /(?<![a-z0-9])wipe\s+(?:out\s+)?(?:all|every)\s+(?:the\s+)?(?:files?|data|folders?)(?![a-z0-9])/,
      /(?<![a-z0-9])(?:alle (?:dateien|ordner)|festplatte|laufwerk) (?:loschen|entfernen|formatieren)(?![a-z0-9])/,
    ],
  },
  {
    id: 'destructive-database',
    severity: 'reject',
    reason: 'Dropping, truncating or deleting a database or its tables destroys data.',
    patterns: [
      /(?<![a-z0-9])(?<!drag (?:and|&|n|'n') )(?:drop|truncate)\s+(?:table|tables|database|databases|schema|collection)(?![a-z0-9])(?!\s+rows?)/,
      /(?<![a-z0-9])delete\s+from\s+[a-z0-9_."`]+\s*(?:;|$)/,
      /(?<![a-z0-9])(?:db\.dropdatabase\s*\(|flushall|flushdb)(?![a-z0-9])/,
      verbObject(DB_VERBS, DB_OBJECTS, { notAfterVerb: ADJECTIVAL_USES, notAfterObject: DB_OBJECT_COMPOUNDS }),
      /(?<![a-z0-9])(?<!drag (?:and|&|n|'n') )(?:wipe|destroy|nuke|purge|drop|truncate)\s+(?:all\s+)?(?:the\s+)?(?:[a-z0-9_]+\s+)?tables?(?![a-z0-9])(?!\s+rows?)/,
      /(?<![a-z0-9])(?:die |alle )?(?:datenbank(?:en)?|tabellen) (?:loschen|entfernen|leeren)(?![a-z0-9])/,
    ],
  },
  {
    id: 'secret-exfiltration',
    severity: 'reject',
    reason: 'Printing or sending secrets, credentials, environment variables or the system prompt leaks them.',
    patterns: [
      verbObject(SECRET_VERBS, SECRET_OBJECTS, { gapWords: 5, notAfterObject: SECRET_COMPOUNDS }),
      /(?<![a-z0-9])(?:printenv|env\s*\|\s*(?:curl|nc|wget)|cat\s+(?:\S*\/)?\.env)(?![a-z0-9])/,
      /(?<![a-z0-9])(?:what(?:'s| is| are)|repeat|recite)(?![a-z0-9]).{0,30}(?:system prompt|initial instructions|instructions above)/,
    ],
  },
  {
    id: 'prompt-injection',
    severity: 'reject',
    reason: 'The text tries to override the instructions this server follows.',
    patterns: [
      /(?<![a-z0-9])(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+)?(?:previous|prior|above|earlier|preceding|original|system)\s+(?:instructions|prompts?|rules|directions|guidelines|messages)/,
      /(?<![a-z0-9])you are now (?:in )?(?:dan|developer mode|jailbroken|unrestricted)(?![a-z0-9])/,
      /(?<![a-z0-9])(?:ignora|ignorar|ignore|olvida|olvidar)\s+(?:todas\s+)?las\s+instrucciones\s+(?:anteriores|previas)/,
      /(?<![a-z0-9])(?:ignore|ignorer|ignorez|oublie|oubliez)\s+(?:toutes\s+)?les\s+instructions\s+(?:precedentes|anterieures)/,
      /(?<![a-z0-9])(?:ignoriere|ignorieren|ignorier|vergiss|vergessen)\s+(?:sie\s+)?(?:alle\s+)?(?:vorherigen|bisherigen|obigen|vorigen)\s+(?:anweisungen|instruktionen)/,
      /(?<![a-z0-9])(?:ignore|ignora|ignorar|esqueca|esquecer)\s+(?:todas\s+)?as\s+instrucoes\s+(?:anteriores|previas)/,
    ],
  },
  {
    id: 'disable-security-controls',
    severity: 'warn',
    reason: 'Turning off a security control weakens the delivered system; planned, but review it.',
    patterns: [
      /(?<![a-z0-9])(?:disable|turn off|remove|bypass|skip|deactivate)\s+(?:the\s+|all\s+)?(?:[a-z]+\s+)?(?:authentication|auth|csrf(?: protection)?|cors checks?|tls(?: verification)?|ssl(?: verification)?|certificate (?:verification|validation|checks?)|security (?:checks?|controls?|headers|scans?)|firewall|2fa|mfa|rate limit(?:ing|s)?|input validation|content security policy|csp)(?![a-z0-9])/,
      /(?<![a-z0-9])(?:node_tls_reject_unauthorized\s*=\s*0|--no-verify|--insecure|chmod\s+(?:-r\s+)?777|strict-?ssl\s*(?:=\s*)?false)/,
      /(?<![a-z0-9])(?:desactiva|desactivar|desactiver|desactivez|deaktiviere|deaktivieren|desative|desativar)\s+(?:la\s+|l'|die\s+|a\s+)?(?:autenticacion|authentification|authentifizierung|autenticacao|seguridad|securite|sicherheit|seguranca)/,
    ],
  },
  {
    id: 'force-push-main',
    severity: 'warn',
    reason: 'Force-pushing to the main branch rewrites shared history; planned, but review it.',
    patterns: [
      /(?<![a-z0-9])force[ -]?push(?:ing)?\s+(?:[a-z]+\s+){0,3}?(?:to\s+)?(?:the\s+)?(?:main|master|production|prod)(?![a-z0-9])/,
      /(?<![a-z0-9])git\s+push\b[^;\n]*(?:\s-f(?![a-z0-9])|--force)[^;\n]*(?:main|master)(?![a-z0-9])/,
      /(?<![a-z0-9])git\s+push\b[^;\n]*(?:main|master)[^;\n]*(?:\s-f(?![a-z0-9])|--force)/,
    ],
  },
];
