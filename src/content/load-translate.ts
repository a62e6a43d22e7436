// The load's translate stage: each translation file (`ana-lima.fr.md`) checked against the
// English file it translates: only text (data belongs in the English file, said with the
// field it belongs in), lists element for element, a date of translation; and each English
// file's state in every language: translated, stale (the English changed since) or missing.
import type { z } from 'zod';
import type { Lang } from '../i18n/lang.js';
import { TRANSLATED_LANGS } from '../i18n/lang.js';
import { compareStamps, isStamp } from './dates.js';
import { fieldInWords } from './field-words.js';
import type { EnglishKind } from './load-read.js';
import { classify } from './load-read.js';
import type { Entry, Found, Progress } from './load-stage.js';
import { markedDraft, whole } from './load-stage.js';
import type { TranslationFile, ValidFiles } from './load-validate.js';
import type { TranslationState } from './model.js';
import type { Problem } from './problems.js';
import { problem } from './problems.js';
import { asRecord } from './references.js';
import * as schemas from './schemas.js';
import type { FieldPath, SourceFile } from './source-file.js';
import { locate } from './source-file.js';
import { closest } from './suggest.js';
import * as texts from './translation-schemas.js';
import { describeValue, schemaParts, validateFile } from './validate.js';

type Schema = z.core.$ZodType;

/** A translation that passed its checks: its text, and its Markdown body when it has one. */
export interface Translation {
  file: TranslationFile;
  /** The translated fields (no `translated`); what is left out shows in English. */
  text: Record<string, unknown>;
  /** The day the translation was last brought in line with the English text. */
  translated: string;
  /** The translated body; undefined when the translation gives none (the English shows). */
  body: string | undefined;
}

/** An English file that translations follow: its kind, entry and schemas. */
interface Original {
  kind: EnglishKind;
  entry: Entry<unknown>;
  english: z.ZodType;
  text: z.ZodType;
}

/** Stage 3b's output: the translations by language, then by the English file they translate. */
export interface ValidTranslations extends Found {
  byLang: ReadonlyMap<Lang, ReadonlyMap<string, Translation>>;
}

const languageNames = new Intl.DisplayNames('en', { type: 'language' });
/** "French", for the English messages of problem reports. */
export const languageName = (lang: Lang): string => languageNames.of(lang) ?? lang;

/** The file a translation of `file` into `lang` is written in: `ana-lima.fr.md`. */
export const translationFileOf = (file: string, lang: Lang): string => file.replace(/\.(md|yaml)$/, `.${lang}.$1`);

/** Every English file translations may follow, by file. */
function originals({ site, pages, folders }: ValidFiles): Map<string, Original> {
  const found = new Map<string, Original>();
  if (site) found.set(site.source.file, { kind: { kind: 'site' }, entry: site, english: schemas.site, text: texts.site });
  for (const e of pages) found.set(e.source.file, { kind: { kind: 'page', slug: '' }, entry: e, english: schemas.page, text: texts.page });
  for (const [slug, f] of folders) {
    if (f.election) found.set(f.election.source.file, { kind: { kind: 'election', election: slug }, entry: f.election, english: schemas.election, text: texts.election });
    for (const e of f.candidates) found.set(e.source.file, { kind: { kind: 'candidate', election: slug, slug: '' }, entry: e, english: schemas.candidate, text: texts.candidate });
    for (const e of f.articles) found.set(e.source.file, { kind: { kind: 'article', election: slug, slug: '' }, entry: e, english: schemas.article, text: texts.article });
  }
  return found;
}

/** The English data of an original as the translation is compared with: valid, or as written. */
const englishData = (original: Original): unknown => original.entry.data ?? original.entry.source.yaml?.data;

/**
 * Whether a list of a translation may be matched to a longer or shorter English list element
 * by element from the start: only the rounds, which are numbered 1, 2, 3… in order (an error
 * otherwise), so that the English only ever adds or takes away at the end. Elsewhere (a
 * timeline entry written between two others, in date order) the same place may hold another
 * element, and a translated title would be shown against another date, round or source.
 */
const matchesFromStart = (path: FieldPath): boolean => path.length === 1 && path[0] === 'rounds';

/**
 * The translation's fields that may be in it, walked beside the English file: data and unknown
 * fields reported (and left out of what is validated), lists compared element for element.
 * A list whose length differs from the English one's, where its elements cannot be matched
 * (matchesFromStart), is added to `unmatched`: it is checked, but not shown.
 */
function textOnly(file: TranslationFile, original: Original, problems: Problem[], unmatched: FieldPath[]): unknown {
  const english = englishData(original);
  const walk = (value: unknown, englishValue: unknown, text: Schema | undefined, data: Schema | undefined, path: FieldPath): unknown => {
    const parts = text ? schemaParts(text) : {};
    if (parts.shape && asRecord(value)) {
      const englishShape = (data && schemaParts(data).shape) ?? {};
      const kept: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(asRecord(value)!)) {
        const at = [...path, key];
        const englishRecord = asRecord(englishValue);
        // Own fields only: a key such as "toString" is on every object, and is no field of a schema.
        const isText = Object.hasOwn(parts.shape, key);
        const englishOwn = englishRecord && Object.hasOwn(englishRecord, key) ? englishRecord[key] : undefined;
        // Text for a field the English file lacks (said once, where it begins) is never shown.
        if (isText && englishRecord && englishOwn === undefined && key !== 'translated') {
          problems.push(problem('translation-no-english', locate(file.source, at, 'key'), fieldInWords(english, at), file.of, describeValue(v)));
        } else if (isText) kept[key] = walk(v, englishOwn, parts.shape[key], englishShape[key], at);
        else if (Object.hasOwn(englishShape, key)) {
          const field = fieldInWords(english, at);
          problems.push(problem('translation-data', locate(file.source, at, 'key'), key, file.of, field, describeValue(v)));
        } else {
          const known = Object.keys(parts.shape);
          problems.push(problem('field-unknown', locate(file.source, at, 'key'), key, known, closest(key, known)));
        }
      }
      return kept;
    }
    if (parts.element && Array.isArray(value)) {
      const englishList = Array.isArray(englishValue) ? (englishValue as unknown[]) : undefined;
      // Elements of a list not matched are not compared with the English ones at their place.
      let matched = englishList;
      if (englishList && englishList.length !== value.length) {
        const fromStart = matchesFromStart(path);
        if (!fromStart) {
          unmatched.push(path);
          matched = undefined;
        }
        problems.push(problem('translation-list-length', locate(file.source, path), value.length, englishList.length, file.of, fromStart));
      }
      const element = data && schemaParts(data).element;
      return value.map((v, i) => walk(v, matched?.[i], parts.element, element, [...path, i]));
    }
    return value;
  };
  const text = walk(file.source.yaml?.data, english, original.text, original.english, []);
  checkSourceWords(file, english, text, problems);
  return text;
}

/**
 * Words for sources (keyed by id, not walked above): a source or a field of one that the
 * English file lacks is never shown, and said once, as any text without English is.
 */
function checkSourceWords(file: TranslationFile, english: unknown, text: unknown, problems: Problem[]): void {
  const words = asRecord(asRecord(text)?.sources);
  if (!words) return;
  const list = asRecord(english)?.sources;
  const sources = new Map((Array.isArray(list) ? list : []).flatMap((s) => { const r = asRecord(s); return r && typeof r.id === 'string' ? [[r.id, r] as const] : []; }));
  for (const [id, entry] of Object.entries(words)) {
    const source = sources.get(id);
    const fields = asRecord(entry);
    // An entry that is not a group of fields is the schema's to report, once.
    if (!fields) continue;
    if (!source) {
      problems.push(problem('translation-no-english', locate(file.source, ['sources', id], 'key'), `source "${id}"`, file.of, describeValue(entry)));
      continue;
    }
    for (const [key, value] of Object.entries(fields)) {
      if (source[key] === undefined && Object.hasOwn(texts.sourceFields, key)) {
        problems.push(problem('translation-no-english', locate(file.source, ['sources', id, key], 'key'), `${key} for the source "${id}"`, file.of, describeValue(value)));
      }
    }
  }
}

/** Takes the value at `path` out of a translation's validated fields (its own copy). */
function leaveOut(fields: Record<string, unknown>, path: FieldPath): void {
  let at: unknown = fields;
  for (const step of path.slice(0, -1)) at = (at as Record<PropertyKey, unknown> | undefined)?.[step];
  const holder = at as Record<PropertyKey, unknown> | undefined;
  if (holder && typeof holder === 'object') delete holder[path[path.length - 1]!];
}

/** Stage 3b, translate: every translation file against its English file. */
export function validateTranslations(valid: ValidFiles, onFile: Progress): ValidTranslations {
  const problems: Problem[] = [];
  const byLang = new Map<Lang, Map<string, Translation>>(TRANSLATED_LANGS.map((lang) => [lang, new Map()]));
  const known = originals(valid);
  for (const file of valid.translations) {
    onFile(file.source.file);
    const original = known.get(file.of);
    if (!original) {
      problems.push(problem('translation-orphan', whole(file.source.file), file.of));
      continue;
    }
    const yaml = file.source.yaml;
    if (yaml === undefined || yaml.data === undefined) continue;
    const unmatched: FieldPath[] = [];
    const text = textOnly(file, original, problems, unmatched);
    const result = validateFile(original.text, { ...file.source, yaml: { ...yaml, data: text } }, problems);
    if (!result.ok) continue;
    const { translated, ...fields } = result.value as Record<string, unknown> & { translated: string };
    for (const path of unmatched) leaveOut(fields, path);
    const body = file.source.body?.trim() === '' ? undefined : file.source.body;
    byLang.get(file.lang)!.set(file.of, { file, text: fields, translated, body });
  }
  return { byLang, problems };
}

/**
 * Where the English file has text that a translation leaves out: each field's path (`body`
 * for a Markdown text without its translation). These are shown to readers in English.
 */
export function englishPaths(original: Original, translation: Pick<Translation, 'text' | 'body'>): FieldPath[] {
  const lacking: FieldPath[] = [];
  const walk = (value: unknown, translated: unknown, text: Schema | undefined, path: FieldPath): void => {
    const parts = text ? schemaParts(text) : {};
    if (parts.shape && asRecord(value)) {
      for (const key of Object.keys(parts.shape)) {
        if (key === 'translated') continue;
        walk(asRecord(value)![key], asRecord(translated)?.[key], parts.shape[key], [...path, key]);
      }
    } else if (parts.element && Array.isArray(value)) {
      value.forEach((v, i) => walk(v, Array.isArray(translated) ? (translated as unknown[])[i] : undefined, parts.element, [...path, i]));
    } else if (typeof value === 'string' && value.trim() !== '' && translated === undefined) {
      lacking.push(path);
    }
  };
  walk(original.entry.data, translation.text, original.text, []);
  const englishBody = original.entry.source.body;
  if (englishBody !== undefined && englishBody.trim() !== '' && translation.body === undefined) lacking.push(['body']);
  return lacking;
}

/** A translation with nothing in it: every text of its English file is shown in English. */
const UNTRANSLATED: Pick<Translation, 'text' | 'body'> = { text: {}, body: undefined };

/** Those paths in words, as reports name fields: what readers see in English. */
const inWords = (original: Original, paths: readonly FieldPath[]): string[] =>
  paths.map((path) => (path.length === 1 && path[0] === 'body' ? 'body' : fieldInWords(original.entry.data, path)));

/** Each English file's state in each language, and the warnings that go with it. */
export interface TranslationStates extends Found {
  /** By language, then English file. */
  byLang: ReadonlyMap<Lang, ReadonlyMap<string, TranslationState>>;
  /** By language, then English file: where a translation leaves English text (englishPaths). */
  inEnglish: ReadonlyMap<Lang, ReadonlyMap<string, readonly FieldPath[]>>;
}

/** The part of the site a translation belongs to: the site's own files, or one election's folder. */
const scopeOf = (file: string): string => (file.startsWith('elections/') ? file.split('/').slice(0, 2).join('/') : '.');

/**
 * Stage 3c, compare: each English file's translation state per language. A translation older
 * than its English file's `updated` date is stale; an English file without a translation is
 * missing, and said as a warning once its part of the site (the site's own files, or an
 * election) has a translation in that language: a part not begun is reported by `npm run check`
 * as English only, once.
 */
export function compareTranslations(
  valid: ValidFiles,
  { byLang }: ValidTranslations,
  /** Translation files left out for their errors: their English files' pages say so. */
  withheld: ReadonlySet<string> = new Set(),
): TranslationStates {
  // By language and English file; a file that could not even be read (not UTF-8, too large) is
  // among them by its name, and is not "missing" either.
  const held = new Set(
    [...withheld].flatMap((file) => {
      const kind = classify(file);
      return kind?.kind === 'translation' ? [`${kind.lang}\0${kind.of}`] : [];
    }),
  );
  const problems: Problem[] = [];
  const states = new Map<Lang, Map<string, TranslationState>>();
  const inEnglish = new Map<Lang, Map<string, FieldPath[]>>();
  const known = originals(valid);
  for (const lang of TRANSLATED_LANGS) {
    const translations = byLang.get(lang)!;
    // A translation with problems of its own is reported by them, not again as missing.
    const written = new Set(valid.translations.filter((t) => t.lang === lang).map((t) => t.of));
    const begun = new Set([...written].map(scopeOf));
    const inLang = new Map<string, TranslationState>();
    states.set(lang, inLang);
    const englishInLang = new Map<string, FieldPath[]>();
    inEnglish.set(lang, englishInLang);
    for (const [file, original] of known) {
      const translation = translations.get(file);
      if (!translation) {
        const isHeld = held.has(`${lang}\0${file}`);
        inLang.set(file, isHeld ? { status: 'missing', withheld: true } : { status: 'missing' });
        englishInLang.set(file, englishPaths(original, UNTRANSLATED));
        const draft = original.kind.kind === 'article' && markedDraft(original.entry as Entry<schemas.ArticleData>);
        if (begun.has(scopeOf(file)) && !draft && !written.has(file) && !isHeld) {
          problems.push(problem('translation-missing', whole(translationFileOf(file, lang)), languageName(lang), file));
        }
        continue;
      }
      const source = translation.file.source.file;
      const paths = englishPaths(original, translation);
      if (paths.length > 0) englishInLang.set(file, paths);
      // As written, with the time of day either gives (the schemas keep the day).
      const updated = stampOf(original.entry.source, 'updated');
      const translated = stampOf(translation.file.source, 'translated') ?? translation.translated;
      if (updated !== undefined && compareStamps(updated, translated) > 0) {
        const fields = inWords(original, paths);
        inLang.set(file, { status: 'stale', translated, updated, fields, file: source });
        problems.push(problem('translation-stale', locate(translation.file.source, ['translated']), languageName(lang), translated, file, updated, fields));
      } else {
        inLang.set(file, { status: 'translated', translated, file: source });
      }
    }
  }
  return { byLang: states, inEnglish, problems };
}

/** A file's `updated` or `translated` as written in it (a day, or a day and a time), if valid. */
function stampOf(source: SourceFile, field: 'updated' | 'translated'): string | undefined {
  const value = asRecord(source.yaml?.data)?.[field];
  return typeof value === 'string' && isStamp(value) ? value.replace(' ', 'T') : undefined;
}

/** The English file a translation file translates: `ana-lima.fr.md` → `ana-lima.md`. */
const englishOf = (file: string): string => file.replace(/\.[a-z]{2}\.(md|yaml)$/, '.$1');

/** What a translation says of its English file, which says nothing while that file is broken. */
const ABOUT_THE_ENGLISH = new Set([
  'translation-missing',
  'translation-orphan',
  'translation-no-english',
  'translation-list-length',
  'translation-stale',
]);

/**
 * The problems without those that follow from an error of another: what the translations of
 * an English file with errors of its own say about it (missing, without an English file,
 * fields it does not have), since those errors come first and a file that cannot be served
 * has nothing to translate yet; and a file reported missing that is there but could not be
 * read (too large, not UTF-8), which its own error says.
 */
export function withoutNoise(problems: readonly Problem[]): Problem[] {
  const errors = problems.filter((p) => p.severity === 'error');
  const broken = new Set(errors.map((p) => p.file));
  const there = new Set(errors.filter((p) => p.code !== 'file-missing').map((p) => p.file));
  return problems.filter((p) => {
    if (p.code === 'file-missing') return !there.has(p.file);
    const english = englishOf(p.file);
    return !(ABOUT_THE_ENGLISH.has(p.code) && english !== p.file && broken.has(english));
  });
}
