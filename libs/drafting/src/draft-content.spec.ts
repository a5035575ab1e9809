import { cleanContent, fieldPath, keyFromNumber } from './draft-content';

const section = (number: string, guidelines: { number: string; text: string; key?: string | null; title?: string | null }[], heading = 'Heading') => ({
  number,
  heading,
  guidelines,
});

describe('cleanContent', () => {
  it('trims, derives keys from numbers and keeps explicit keys', () => {
    const { sections, problems } = cleanContent([
      section(' I ', [
        { number: '1.1. ', text: '  Text  ' },
        { number: '1.2', key: ' K ', title: ' ', text: 'x' },
      ]),
    ]);
    expect(problems).toEqual([]);
    expect(sections[0]).toEqual({
      number: 'I',
      heading: 'Heading',
      guidelines: [
        { key: '1.1', number: '1.1.', title: null, text: 'Text' },
        { key: 'K', number: '1.2', title: null, text: 'x' },
      ],
    });
  });

  it('reports every problem with its path', () => {
    const { problems } = cleanContent([
      section('I', [{ number: '1.1', text: 'a' }], 'x'.repeat(501)),
      section('I', [
        { number: '1.1.', text: 'b' },
        { number: '1.2', text: '   ' },
        { number: '1.3', text: 'x'.repeat(20_001) },
        { number: '', text: 'c' },
      ]),
    ]);
    expect(problems.map((p) => fieldPath(p))).toEqual([
      'sections[0].heading',
      'sections[1].number',
      'sections[1].guidelines[0].key',
      'sections[1].guidelines[1].text',
      'sections[1].guidelines[2].text',
      'sections[1].guidelines[3].number',
      'sections[1].guidelines[3].key',
    ]);
    expect(problems[2].message).toMatch(/sections\[0\]\.guidelines\[0\]/);
  });

  it('counts characters as the database does (code points)', () => {
    const emoji = '\u{1F600}';
    expect(cleanContent([section('I', [{ number: '1', text: emoji.repeat(20_000) }])]).problems).toEqual([]);
    expect(cleanContent([section('I', [{ number: '1', text: emoji.repeat(20_001) }])]).problems).toHaveLength(1);
  });

  it('refuses line breaks in numbers and headings', () => {
    expect(cleanContent([section('I', [], 'two\nlines')]).problems.map(fieldPath)).toEqual(['sections[0].heading']);
  });

  it('derives a key by dropping trailing dots', () => {
    expect(keyFromNumber('4.2.')).toBe('4.2');
    expect(keyFromNumber(' 4.2 ')).toBe('4.2');
  });
});
