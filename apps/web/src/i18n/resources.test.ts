// The three languages' words: the same keys everywhere, every plural with its forms, nothing empty, and
// the interpolations of English present in French and Spanish (a dropped {{count}} would lose a number).
import { describe, expect, it } from 'vitest';
import * as admin from './areas/admin';
import * as drafting from './areas/drafting';
import * as governingBody from './areas/governingBody';
import * as meetingAdmin from './areas/meetingAdmin';
import * as projector from './areas/projector';
import * as rounds from './areas/rounds';
import * as settings from './areas/settings';
import { en as core } from './en';
import { es as coreEs } from './es';
import { fr as coreFr } from './fr';

// The areas' words too (each a chunk of its own, ./areas), merged as the client merges them.
const AREAS = [admin, drafting, governingBody, meetingAdmin, projector, rounds, settings];
const en = Object.assign({}, core, ...AREAS.map((a) => a.en));
const fr = Object.assign({}, coreFr, ...AREAS.map((a) => a.fr));
const es = Object.assign({}, coreEs, ...AREAS.map((a) => a.es));

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)>/g)].map((m) => m[0]).sort();

const reference = leaves(en);
const others = { fr: leaves(fr), es: leaves(es) };

describe('the web client’s words', () => {
  it.each(Object.entries(others))('%s has exactly the keys of English', (_, words) => {
    expect([...words.keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it.each([['en', reference], ...Object.entries(others)] as const)('%s has no empty string', (_, words) => {
    expect([...words].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('gives every plural its _one and _other forms', () => {
    const plurals = [...reference.keys()].filter((k) => /_(one|other)$/.test(k));
    expect(plurals.length).toBeGreaterThan(10);
    for (const key of plurals) {
      const base = key.replace(/_(one|other)$/, '');
      expect(reference.has(`${base}_one`) && reference.has(`${base}_other`)).toBe(true);
    }
  });

  it.each(Object.entries(others))('%s keeps the placeholders and tags of each English string', (_, words) => {
    const differing = [...reference].filter(([key, text]) => {
      const theirs = words.get(key) ?? '';
      // English names a position by its code ({{code}}); French and Spanish in words ({{position}}).
      const mine = variables(text)
        .map((v) => (v === 'code' ? 'position' : v))
        .sort();
      return mine.join() !== variables(theirs).join() || tags(text).join() !== tags(theirs).join();
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('writes the translation notice for each original language', () => {
    expect(fr.translation.notice.EN).toBe('Traduction en cours — texte original en anglais');
    expect(es.translation.notice.EN).toBe('Traducción en curso: texto original en inglés');
    expect(en.translation.notice.FR).toBe('Translation in progress — original text in French');
  });
});
