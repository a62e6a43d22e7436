// The translation report `npm run check` prints: per language, which files are translated,
// stale or missing, and which parts of the site are not begun (shown in English on purpose
// or not yet: said once per part, not once per file). `--strict` makes the translation
// warnings errors, for a release.
import type { Lang } from '../i18n/lang.js';
import { languageName, translationFileOf } from './load-translate.js';
import { TRANSLATED_LANGS } from '../i18n/lang.js';
import type { Content, Edition, TranslationState } from './model.js';
import type { Problem, ProblemCode } from './problems.js';
import { filesWithErrors } from './problems.js';

/** The warnings that say a translation is behind: errors under `--strict`. */
export const TRANSLATION_WARNINGS: ReadonlySet<ProblemCode> = new Set([
  'translation-missing',
  'translation-stale',
  'translation-list-length',
  'translation-no-english',
]);

/** The problems as a release sees them: a translation behind its English text is an error. */
export function strict(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (TRANSLATION_WARNINGS.has(p.code) ? { ...p, severity: 'error' } : p));
}

/** A part of the site translations are begun in: the site's own files, or one election. */
interface Part {
  name: string;
  files: [file: string, state: TranslationState][];
}

/** Every English file of an edition with its state, by part of the site. */
function parts(edition: Edition): Part[] {
  const site: Part = {
    name: "the site's own files",
    files: [['site.yaml', edition.siteTranslation], ...edition.pages.map((p) => [p.file, p.translation] as [string, TranslationState])],
  };
  const elections = edition.elections.map((e) => ({
    name: `elections/${e.slug}`,
    files: [
      [e.file, e.translation] as [string, TranslationState],
      ...e.candidates.map((c) => [c.file, c.translation] as [string, TranslationState]),
      ...e.articles.map((a) => [a.file, a.translation] as [string, TranslationState]),
    ],
  }));
  return [site, ...elections];
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The report of one language, a few lines. `leftOut`: translation files with errors. */
function languageReport(lang: Lang, edition: Edition, leftOut: ReadonlySet<string>): string[] {
  const begun: Part[] = [];
  const notBegun: Part[] = [];
  for (const part of parts(edition)) {
    (part.files.every(([, state]) => state.status === 'missing') ? notBegun : begun).push(part);
  }
  const states = begun.flatMap((p) => p.files);
  const of = (status: TranslationState['status']): string[] => states.filter(([, s]) => s.status === status).map(([file]) => file);
  const translated = of('translated');
  const stale = states.flatMap(([file, s]) => (s.status === 'stale' ? [`${file} (${s.fields.length === 0 ? `updated ${s.updated}` : `not translated: ${s.fields.join(', ')}`})`] : []));
  // A translation there but left out for its errors is shown in English like a missing one,
  // and said apart: it needs mending, not writing.
  const broken = of('missing').filter((file) => leftOut.has(translationFileOf(file, lang)));
  const missing = of('missing').filter((file) => !broken.includes(file));
  const lines = [
    `  ${languageName(lang)} (${lang}): ${count(translated.length, 'file')} translated, ${stale.length} stale, ${missing.length} missing${broken.length > 0 ? `, ${broken.length} left out for errors` : ''}.`,
  ];
  if (begun.length > 0) lines.push(`    Translated: ${begun.map((p) => `${p.name} (${p.files.filter(([, s]) => s.status === 'translated').length} of ${p.files.length})`).join(', ')}.`);
  if (stale.length > 0) lines.push(`    Stale: ${stale.join('; ')}.`);
  if (missing.length > 0) lines.push(`    Missing: ${missing.join(', ')}.`);
  if (broken.length > 0) lines.push(`    Left out for their errors, shown in English: ${broken.map((file) => translationFileOf(file, lang)).join(', ')}.`);
  if (notBegun.length > 0) {
    lines.push(`    Not begun, shown in English with a notice: ${notBegun.map((p) => `${p.name} (${count(p.files.length, 'file')})`).join(', ')}.`);
  }
  return lines;
}

/** The translation report of a loaded site, as `npm run check` prints it. */
export function formatTranslationReport(content: Content): string {
  const leftOut = filesWithErrors(content.warnings);
  return ['Translations:', ...TRANSLATED_LANGS.flatMap((lang) => languageReport(lang, content.editions[lang], leftOut))].join('\n');
}
