// The ordinals 1..99 in words, as the agenda-item heading writes them ("THIRD ITEM ON THE AGENDA"), in lower
// case (the heading upper-cases them): i18next phrases "ordinal.1" .. "ordinal.99" of each language.

const table = (word: (n: number) => string): Record<string, string> => Object.fromEntries(Array.from({ length: 99 }, (_, i) => [String(i + 1), word(i + 1)]));

const EN_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const EN_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** "third", "twenty-first", "ninetieth". */
export const EN_ORDINALS = table((n) => {
  if (n < 10) return EN_UNITS[n];
  if (n < 20) return EN_TEENS[n - 10];
  const tens = EN_TENS[Math.floor(n / 10)];
  return n % 10 ? `${tens}-${EN_UNITS[n % 10]}` : `${tens.slice(0, -1)}ieth`;
});

const FR_UNITS = ['', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
const FR_TEENS = ['dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf'];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

function frCardinal(n: number): string {
  if (n < 10) return FR_UNITS[n];
  if (n < 20) return FR_TEENS[n - 10];
  if (n < 70) {
    const tens = FR_TENS[Math.floor(n / 10)];
    const u = n % 10;
    return u === 0 ? tens : u === 1 ? `${tens} et un` : `${tens}-${FR_UNITS[u]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${FR_TEENS[n - 70]}`;
  if (n === 80) return 'quatre-vingts';
  return `quatre-vingt-${n < 90 ? FR_UNITS[n - 80] : FR_TEENS[n - 90]}`;
}

/** The ordinal of a French cardinal's last word: "un" -> "unième", "cinq" -> "cinquième", "neuf" -> "neuvième", "onze" -> "onzième". */
function frOrdinal(cardinal: string): string {
  return cardinal
    .replace(/vingts$/, 'vingt')
    .replace(/cinq$/, 'cinqu')
    .replace(/neuf$/, 'neuv')
    .replace(/e$/, '')
    .concat('ième');
}

/** Feminine, as "question" is: "première", "troisième", "vingt et unième", "quatre-vingt-onzième". */
export const FR_ORDINALS = table((n) => (n === 1 ? 'première' : frOrdinal(frCardinal(n))));

const ES_UNITS = ['', 'primer', 'segundo', 'tercer', 'cuarto', 'quinto', 'sexto', 'séptimo', 'octavo', 'noveno'];
const ES_TEENS = [
  'décimo',
  'undécimo',
  'duodécimo',
  'decimotercer',
  'decimocuarto',
  'decimoquinto',
  'decimosexto',
  'decimoséptimo',
  'decimoctavo',
  'decimonoveno',
];
const ES_TENS = ['', '', 'vigésimo', 'trigésimo', 'cuadragésimo', 'quincuagésimo', 'sexagésimo', 'septuagésimo', 'octogésimo', 'nonagésimo'];

/** Masculine before its noun, as "punto" is ("primer", "tercer" shortened): "tercer", "vigésimo primer". */
export const ES_ORDINALS = table((n) => {
  if (n < 10) return ES_UNITS[n];
  if (n < 20) return ES_TEENS[n - 10];
  const tens = ES_TENS[Math.floor(n / 10)];
  return n % 10 ? `${tens} ${ES_UNITS[n % 10]}` : tens;
});
