// Loads a content folder, one stage after another, each with its own input and output:
//   read files → parse → validate → translate (each translation against its English file)
//   → render Markdown (per language) → check references → assemble the Content (per language).
// Either a complete, frozen Content or the list of every problem; never half a site.
import { assembleContent, buildModel } from './load-assemble.js';
import { checkReferences, checkTranslations, describeProblems } from './load-check.js';
import { classify, keptFiles, parseFiles, readFiles } from './load-read.js';
import { renderFiles } from './load-render.js';
import type { LoadOptions, Progress } from './load-stage.js';
import { reasonOf, sentence, whole } from './load-stage.js';
import { TRANSLATED_LANGS } from '../i18n/lang.js';
import { compareTranslations, validateTranslations, withoutNoise } from './load-translate.js';
import { validateFiles } from './load-validate.js';
import type { LoadResult } from './model.js';
import { filesWithErrors, isError, problem } from './problems.js';

export { classify, FILE_SIZE_LIMIT } from './load-read.js';
export type { FileKind } from './load-read.js';
export { formatCitation } from './load-render.js';
export type { LoadOptions } from './load-stage.js';

/** Loads and checks every file in `contentDir`. Never throws for bad content: returns problems. */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  // Whatever a file holds, the outcome is a list of problems naming it, never an exception.
  let current = '.';
  const onFile = (file: string): void => {
    current = file;
    options.onFile?.(file);
  };
  try {
    return await load(contentDir, options, onFile);
  } catch (cause) {
    return { ok: false, problems: [problem('load-failed', whole(current), sentence(reasonOf(cause)))] };
  } finally {
    options.renderings?.settle();
  }
}

async function load(contentDir: string, options: LoadOptions, onFile: Progress): Promise<LoadResult> {
  onFile('.');
  const read = options.texts ? keptFiles(options.texts) : await readFiles(contentDir);
  if ('ok' in read) return read;
  options.onRead?.(read.texts);
  const parsed = parseFiles(read, onFile);
  const valid = validateFiles(read, parsed, onFile);
  const translations = validateTranslations(valid, onFile);
  // A translation file that could not be read is not missing: it is left out for its errors.
  const states = compareTranslations(valid, translations, new Set(read.problems.filter(isError).map((p) => p.file)));
  const { renderings } = options;
  const rendered = renderFiles(valid, onFile, undefined, renderings);
  const editions = new Map(
    TRANSLATED_LANGS.map((lang) => [
      lang,
      renderFiles(
        valid,
        onFile,
        { lang, translations: translations.byLang.get(lang)!, english: rendered.rendered },
        renderings,
      ),
    ]),
  );
  // From here on the work is on the folder as a whole, but for each file's links.
  onFile('.');
  const model = buildModel(valid, rendered, options);
  const checked = checkReferences(valid, parsed, rendered, model, options, onFile);
  const translated = checkTranslations(valid, editions, checked.table, options, onFile);
  // Each problem described (its field in words, its excerpt) is the folder's work again: a
  // load too slow here named the last file the translations were checked for, untouched.
  onFile('.');
  const problems = describeProblems(
    withoutNoise([
      ...read.problems,
      ...parsed.problems,
      ...valid.problems,
      ...translations.problems,
      ...states.problems,
      ...rendered.problems,
      ...[...editions.values()].flatMap((e) => e.problems),
      ...checked.problems,
      ...translated.problems,
    ]),
    valid,
    parsed,
    options,
  );
  const broken = filesWithErrors(problems);
  if (!valid.site?.data || [...broken].some((file) => classify(file)?.kind !== 'translation')) return { ok: false, problems };
  // Errors in translation files alone hold up no English edit (on vote day, a round): those
  // translations are left out, their pages show the English text, and the errors are reported
  // with the content served (`npm run check` still fails on them). A translation left out can
  // break another's links (to a heading of its own language): checked again until none does.
  let sources = { translations: translations.byLang, states: states.byLang, rendered: editions, inEnglish: states.inEnglish };
  while (broken.size > 0) {
    const kept = { byLang: new Map([...translations.byLang].map(([lang, byFile]) => [lang, new Map([...byFile].filter(([, t]) => !broken.has(t.file.source.file)))])), problems: [] };
    const keptStates = compareTranslations(valid, kept, broken);
    const keptEditions = new Map(TRANSLATED_LANGS.map((lang) => [lang, renderFiles(valid, onFile, { lang, translations: kept.byLang.get(lang)!, english: rendered.rendered }, renderings)]));
    sources = { translations: kept.byLang, states: keptStates.byLang, rendered: keptEditions, inEnglish: keptStates.inEnglish };
    const followed = checkTranslations(valid, keptEditions, checked.table, options, onFile).problems.filter((p) => isError(p) && !broken.has(p.file));
    if (followed.length === 0) break;
    problems.push(...describeProblems(followed, valid, parsed, options));
    for (const p of followed) broken.add(p.file);
  }
  return { ok: true, content: assembleContent(valid.site.data, model, checked, read, problems, sources, options.posted) };
}
