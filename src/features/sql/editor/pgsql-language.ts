import type * as Monaco from 'monaco-editor/editor';
import { SQL_FUNCTIONS, SQL_KEYWORDS, SQL_TYPES } from '../lib/sql-words';

/**
 * PostgreSQL highlighting for the editor, following the same rules as the screen's lexer
 * (lib/lexer.ts): dollar-quoted bodies with their tags, E'…' strings with backslash escapes,
 * nested block comments, `$n` parameters, quoted names. Monaco's bundled `pgsql` grammar knows
 * none of these, so a `$$` body or a `$1` would be painted as plain words.
 */

export const SQL_LANGUAGE_ID = 'pgsql';

export const languageConfiguration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: "'", close: "'" },
    { open: '"', close: '"' },
  ],
  wordPattern: /(-?\d*\.\d\w*)|([^`~!@#%^&*()\-=+[{\]}\\|;:'",.<>/?\s]+)/g,
};

export const monarchLanguage: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  // Not '.sql': the built-in themes colour 'keyword.sql', 'string.sql' … themselves.
  tokenPostfix: '.pgsql',
  ignoreCase: true,
  brackets: [
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  keywords: SQL_KEYWORDS.map((word) => word.toLowerCase()),
  typeKeywords: [...SQL_TYPES],
  builtinFunctions: [...SQL_FUNCTIONS],
  tokenizer: {
    root: [
      [/\s+/, 'white'],
      [/--.*$/, 'comment'],
      [/\/\*/, 'comment', '@blockComment'],
      [/\$\d+/, 'variable.parameter'],
      // $tag$ … $tag$: the state carries the tag so that only the same tag closes it.
      [
        /(\$[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*\$|\$\$)/,
        { token: 'string.dollar', next: '@dollarBody.$1' },
      ],
      [/[eE]'/, 'string', '@escapedString'],
      [/(?:[uU]&|[nNbBxX])?'/, 'string', '@string'],
      [/(?:[uU]&)?"/, 'identifier.quote', '@quotedIdentifier'],
      [/0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+/, 'number'],
      [/(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][-+]?\d+)?/, 'number'],
      [/::/, 'operator'],
      [/[;,.]/, 'delimiter'],
      [/[()[\]]/, '@brackets'],
      [
        /[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@typeKeywords': 'type',
            '@builtinFunctions': 'predefined',
            '@default': 'identifier',
          },
        },
      ],
      [/[-+*/<>=~!@#%^&|`?]+/, 'operator'],
    ],
    blockComment: [
      [/[^/*]+/, 'comment'],
      [/\/\*/, 'comment', '@push'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    dollarBody: [
      [
        /(\$[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*\$|\$\$)/,
        { cases: { '$1==$S2': { token: 'string.dollar', next: '@pop' }, '@default': 'string' } },
      ],
      [/[^$]+/, 'string'],
      [/\$/, 'string'],
    ],
    string: [
      [/[^']+/, 'string'],
      [/''/, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    escapedString: [
      [/[^'\\]+/, 'string'],
      [/\\./, 'string.escape'],
      [/''/, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    quotedIdentifier: [
      [/[^"]+/, 'identifier'],
      [/""/, 'identifier'],
      [/"/, 'identifier.quote', '@pop'],
    ],
  },
};

export function registerSqlLanguage(monaco: typeof Monaco): void {
  monaco.languages.register({ id: SQL_LANGUAGE_ID, aliases: ['PostgreSQL', 'SQL'] });
  monaco.languages.setLanguageConfiguration(SQL_LANGUAGE_ID, languageConfiguration);
  monaco.languages.setMonarchTokensProvider(SQL_LANGUAGE_ID, monarchLanguage);
}
