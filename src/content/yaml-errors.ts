// The YAML parser's errors, told as what to do: "a value containing ': ' must be quoted", not
// "Nested mappings are not allowed in compact mappings". A tab used for indentation is the
// root cause of every error after it, so it is reported alone, once.
import type { LineCounter, YAMLError } from 'yaml';

export interface YamlProblem {
  /** 1-based, within the YAML text. */
  line: number;
  column: number;
  reason: string;
  hint: string;
}

export const YAML_HINT =
  'Check the indentation, and quote text that contains ": " or starts with a quote or a bracket.';

/** `title: Director: Finance` → `title: "Director: Finance"`. */
function quoted(line: string): string | undefined {
  const match = /^(\s*(?:-\s+)?)([^:#"'\s][^:]*):\s+(.+?)\s*$/.exec(line);
  if (!match) return undefined;
  const [, lead = '', key = '', value = ''] = match;
  return `${lead.trim() === '-' ? '- ' : ''}${key}: "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function libraryReason(error: YAMLError): string {
  // The library's messages end with their own "at line N" suffix; we give the line separately.
  const reason = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  return reason.endsWith('.') ? reason : `${reason}.`;
}

export function explainYamlErrors(
  errors: readonly YAMLError[],
  counter: LineCounter,
  text: string,
): YamlProblem[] {
  const lines = text.split('\n');
  // The whole text (in `explain`, `text` is the error's line).
  const source = text;
  const at = (error: YAMLError) => {
    const pos = counter.linePos(error.pos[0]);
    return { line: pos.line, column: pos.col };
  };
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    const first = at(tabs[0]!);
    const others = [...new Set(tabs.slice(1).map((e) => at(e).line))].filter((l) => l !== first.line);
    const also = others.length === 0 ? '' : ` So ${others.length === 1 ? 'is line' : 'are lines'} ${others.join(', ')}.`;
    return [
      {
        ...first,
        reason: `this line is indented with a tab (shown as →); YAML indents with spaces only.${also}`,
        hint: 'Replace each tab with spaces, as many as the lines around it use.',
      },
    ];
  }
  const seen = new Set<number>();
  // One problem per line: the library often reports one slip twice at the same place.
  return errors.flatMap((error) => {
    const line = at(error).line;
    if (seen.has(line)) return [];
    seen.add(line);
    return [explain(error)];
  });

  function explain(error: YAMLError): YamlProblem {
    const { line, column } = at(error);
    const text = lines[line - 1] ?? '';
    const said = (reason: string, hint: string): YamlProblem => ({ line, column, reason, hint });
    const listItem = (): YamlProblem =>
      said(
        'this list item is not lined up with the items above it.',
        'Start its "- " at the same column as the "- " of the items above it.',
      );
    switch (error.code) {
      case 'BLOCK_AS_IMPLICIT_KEY':
      case 'MULTILINE_IMPLICIT_KEY': {
        // "- item" indented less than the items above it.
        if (error.message.startsWith('A block sequence may not be used')) return listItem();
        const fix = quoted(text);
        if (fix === undefined || !/:\s/.test(text.slice(text.indexOf(':') + 1))) break;
        return said(
          'a value containing ": " must be quoted, or YAML reads it as another field.',
          `Put the value in double quotes: ${fix}`,
        );
      }
      case 'DUPLICATE_KEY': {
        const key = /^\s*(?:-\s+)?([^:#\s][^:]*):/.exec(text)?.[1];
        return said(
          `${key === undefined ? 'this field' : `the field "${key}"`} appears twice in the same group.`,
          'Each field may appear once here: remove or rename one of them.',
        );
      }
      case 'BAD_INDENT':
        if (error.message.startsWith('Flow sequence')) {
          // Reported on the line after the unclosed bracket: point at the bracket's line.
          let open = line - 1;
          while (open > 1 && (lines[open - 1] ?? '').trim() === '') open--;
          const bracketLine = lines[open - 1] ?? '';
          const bracket = bracketLine.lastIndexOf('[');
          return {
            line: bracket === -1 ? line : open,
            column: bracket === -1 ? column : bracket + 1,
            reason: 'a list opened with "[" is not closed.',
            hint: 'End the list with "]" on the same line, like: sources: [one, two]',
          };
        }
        if (error.message.startsWith('All sequence items')) return listItem();
        if (error.message.startsWith('All mapping items')) {
          return /^ *\t/.test(text)
            ? said(
                'this line is indented with a tab after spaces.',
                'Indent with spaces only, as many as the fields above it: YAML does not accept tabs.',
              )
            : said(
                'this field is not lined up with the fields of its group.',
                'Indent it with exactly as many spaces as the fields above it.',
              );
        }
        break;
      case 'MISSING_CHAR':
        // A field of a list item indented a space too far or too little.
        if (error.message.startsWith('Sequence item without - indicator')) {
          return said(
            'this field is not lined up with the fields of its list item.',
            'Indent it with exactly as many spaces as the field after the "- " above it.',
          );
        }
        break;
      case 'UNEXPECTED_TOKEN':
        if (/^\s*(?:-\s+)?[^:]+:\s*["'][^"']*["']\s*\S/.test(text)) {
          return said(
            'text follows the closing quote of a value.',
            'Put the whole value inside the quotes, or remove the quotes.',
          );
        }
        break;
      case 'TAG_RESOLVE_FAILED': {
        // A warning to the library, which reads the value as plain text; the format has no tags.
        const tag = source.slice(error.pos[0], error.pos[1]);
        return said(
          `the tag ${tag} is not one YAML knows, so the value after it would be read as plain text.`,
          `Remove ${tag}: content files need no tags.`,
        );
      }
      default:
        break;
    }
    return said(libraryReason(error), YAML_HINT);
  }
}
