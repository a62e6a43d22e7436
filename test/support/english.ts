// What counts as English left behind in French or Spanish output: the English interface's own
// phrases (each catalogue message's text between its placeholders, of two words or more),
// leaving out those that content written in English also uses.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Message, MessageKey } from '../../src/i18n/messages.js';
import { catalogues, SAME_AS_ENGLISH } from '../../src/i18n/messages.js';

/** Every string a message can show, whatever its plural or gender form. */
export const texts = (m: Message): string[] =>
  typeof m === 'string'
    ? [m]
    : Object.values<string | undefined>('count' in m ? m.count : m.gender).filter(
        (x): x is string => x !== undefined,
      );

/** All the text of a content folder's files but its editor guide: the phrases content uses. */
export async function contentText(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const all = await Promise.all(
    files
      .filter((f) => f.isFile() && f.name !== 'README.md')
      .map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')),
  );
  return all.join('\n');
}

/** The English interface's phrases that a French or Spanish text must not contain. */
export function englishPhrases(lang: 'fr' | 'es', content: string): string[] {
  const phrases = new Set<string>();
  for (const [key, message] of Object.entries(catalogues.en)) {
    if (SAME_AS_ENGLISH[lang].includes(key as MessageKey)) continue;
    for (const text of texts(message))
      for (const part of text.split(/\{[^}]*\}/))
        if (/\w+\W+\w+/.test(part.trim()) && !content.includes(part.trim()))
          phrases.add(part.trim());
  }
  return [...phrases];
}
