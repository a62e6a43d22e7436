// The languages the interface speaks. English is the default and the language content is
// written in; French and Spanish follow it key for key.

export const LANGS = ['en', 'fr', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** The languages translations are written in: every language of the site but English. */
export const TRANSLATED_LANGS = LANGS.filter((lang) => lang !== DEFAULT_LANG);

/** The BCP 47 locale each language is formatted in. */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

/** Each language named in itself, for a language switcher. */
export const ENDONYMS: Record<Lang, string> = { en: 'English', fr: 'Français', es: 'Español' };

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (LANGS as readonly string[]).includes(value);
