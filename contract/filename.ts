/**
 * File names as they are stored and shown: as uploaded, less what would make a name look like
 * another. Bidi controls reorder what follows them (`invoice\u202Etxt.exe` reads as
 * `invoiceexe.txt`), and zero-width characters make two names that look the same differ, so
 * both are dropped, as are control characters. The rest is kept, in NFC, so a name typed on
 * macOS (decomposed) and one typed elsewhere (composed) are the same name. Shared so the
 * console can show a name before upload as the server will keep it.
 */

/** Longest name kept, in characters (code points). */
export const FILENAME_MAX_CHARS = 255;

/** What a name with nothing visible left becomes. */
export const FALLBACK_FILENAME = 'file';

/** Whether the code point is one a stored name never keeps. */
export function isHiddenInFilename(code: number): boolean {
  return (
    // C0 and C1 controls, DEL.
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    // Zero-width space, non-joiner and joiner; left-to-right and right-to-left marks.
    (code >= 0x200b && code <= 0x200f) ||
    // Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO).
    (code >= 0x202a && code <= 0x202e) ||
    // Bidi isolates (LRI, RLI, FSI, PDI).
    (code >= 0x2066 && code <= 0x2069) ||
    // Word joiner, Arabic letter mark, zero-width no-break space (BOM).
    code === 0x2060 ||
    code === 0x061c ||
    code === 0xfeff
  );
}

/** `name` as it is stored and shown; `FALLBACK_FILENAME` when nothing visible is left. */
export function cleanFilename(name: string): string {
  let kept = '';
  for (const char of name) {
    if (!isHiddenInFilename(char.codePointAt(0)!)) kept += char;
  }
  // Normalised after the drop: a removed joiner can leave a base and a mark side by side.
  const chars = [...kept.normalize('NFC').trim()];
  return chars.slice(0, FILENAME_MAX_CHARS).join('').trim() || FALLBACK_FILENAME;
}
