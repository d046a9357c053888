/**
 * Letters of other scripts that look exactly like Latin letters (Unicode's confusables for the
 * letters codes and abbreviations are made of). A Cyrillic `А` typed in a cell looks like the code
 * `A` but is another character; rolemark reads it as the Latin letter and says so.
 */
const TABLE: Record<string, [string, string]> = {
  // Cyrillic
  А: ['A', 'Cyrillic'],
  В: ['B', 'Cyrillic'],
  С: ['C', 'Cyrillic'],
  Е: ['E', 'Cyrillic'],
  Н: ['H', 'Cyrillic'],
  І: ['I', 'Cyrillic'],
  Ӏ: ['I', 'Cyrillic'],
  Ј: ['J', 'Cyrillic'],
  К: ['K', 'Cyrillic'],
  М: ['M', 'Cyrillic'],
  О: ['O', 'Cyrillic'],
  Р: ['P', 'Cyrillic'],
  Ѕ: ['S', 'Cyrillic'],
  Т: ['T', 'Cyrillic'],
  Х: ['X', 'Cyrillic'],
  У: ['Y', 'Cyrillic'],
  Ү: ['Y', 'Cyrillic'],
  Ԁ: ['D', 'Cyrillic'],
  Ԛ: ['Q', 'Cyrillic'],
  Ԝ: ['W', 'Cyrillic'],
  а: ['a', 'Cyrillic'],
  с: ['c', 'Cyrillic'],
  е: ['e', 'Cyrillic'],
  і: ['i', 'Cyrillic'],
  ј: ['j', 'Cyrillic'],
  о: ['o', 'Cyrillic'],
  р: ['p', 'Cyrillic'],
  ѕ: ['s', 'Cyrillic'],
  х: ['x', 'Cyrillic'],
  у: ['y', 'Cyrillic'],
  ԁ: ['d', 'Cyrillic'],
  ӏ: ['l', 'Cyrillic'],
  // Greek
  Α: ['A', 'Greek'],
  Β: ['B', 'Greek'],
  Ε: ['E', 'Greek'],
  Ζ: ['Z', 'Greek'],
  Η: ['H', 'Greek'],
  Ι: ['I', 'Greek'],
  Κ: ['K', 'Greek'],
  Μ: ['M', 'Greek'],
  Ν: ['N', 'Greek'],
  Ο: ['O', 'Greek'],
  Ρ: ['P', 'Greek'],
  Τ: ['T', 'Greek'],
  Υ: ['Y', 'Greek'],
  Χ: ['X', 'Greek'],
  ο: ['o', 'Greek'],
  ν: ['v', 'Greek'],
  // Armenian and Cherokee capitals that are drawn like Latin ones
  Ꭺ: ['A', 'Cherokee'],
  Ᏼ: ['B', 'Cherokee'],
  Ꮯ: ['C', 'Cherokee'],
  Ꭰ: ['D', 'Cherokee'],
  Ꭼ: ['E', 'Cherokee'],
  Ꮋ: ['H', 'Cherokee'],
  Ꮶ: ['K', 'Cherokee'],
  Ꮇ: ['M', 'Cherokee'],
  Ꮲ: ['P', 'Cherokee'],
  Ꮪ: ['S', 'Cherokee'],
  Ꭲ: ['T', 'Cherokee'],
  Ꮃ: ['W', 'Cherokee'],
  Օ: ['O', 'Armenian'],
  // Latin letters that are not the plain ones
  ı: ['i', 'dotless Latin'],
};

export interface Confusion {
  /** The text as written. */
  text: string;
  /** The same text in Latin letters. */
  latin: string;
  /** The lookalike characters, described: `А (U+0410, Cyrillic)`. */
  characters: string[];
}

const hex = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The text with lookalike letters replaced by Latin ones, or undefined when it has none. */
export function deconfuse(text: string): Confusion | undefined {
  let latin = '';
  const characters: string[] = [];
  for (const ch of text) {
    const entry = TABLE[ch];
    if (entry) {
      latin += entry[0];
      const described = `${ch} (${hex(ch)}, ${entry[1]})`;
      if (!characters.includes(described)) characters.push(described);
    } else {
      latin += ch;
    }
  }
  return characters.length > 0 ? { text, latin, characters } : undefined;
}
