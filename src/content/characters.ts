// Characters that text never holds: control characters other than tab and line ends, DEL,
// the C1 controls, halves of a surrogate pair on their own and the noncharacters. A file's
// bytes cannot hold most of them (decodeText refuses them), but a YAML escape in quotes
// ("\x1b", "\e", "\uFFFE") writes any of them into a value; pages would carry them raw and a
// feed holding one is not XML.

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/u;
const INVALID_ALL = new RegExp(INVALID.source, 'gu');

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x0b: 'VT',
  0x0c: 'FF',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x85: 'NEL',
};

/** `U+001B (ESC)`, `U+FFFE`: how problems name a character. */
export function characterName(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return NAMES[code] === undefined ? `U+${hex}` : `U+${hex} (${NAMES[code]})`;
}

/** What kind of character it is, in words: "control character", "lone surrogate", "noncharacter". */
export function characterKind(char: string): string {
  const code = char.codePointAt(0)!;
  if (code >= 0xd800 && code <= 0xdfff) return 'lone surrogate';
  if (code >= 0xfdd0) return 'noncharacter';
  return 'control character';
}

export interface InvalidCharacter {
  /** Offset of the first one in the text (UTF-16 units). */
  index: number;
  char: string;
  /** How many the text holds in all. */
  count: number;
}

/** The first character text never holds, and how many there are; undefined for clean text. */
export function findInvalidCharacter(text: string): InvalidCharacter | undefined {
  const first = INVALID.exec(text);
  if (!first) return undefined;
  return { index: first.index, char: first[0], count: text.match(INVALID_ALL)!.length };
}

/** The text with each character it should never hold replaced by U+FFFD (the replacement character). */
export function replaceInvalidCharacters(text: string): string {
  return INVALID.test(text) ? text.replace(INVALID_ALL, '\uFFFD') : text;
}
