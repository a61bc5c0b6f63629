/**
 * Column names for a new table from a CSV header or JSON keys, position for position, as the
 * import endpoint makes them and the console's preview shows them. Names
 * keep their case and characters (they are quoted in SQL); they are trimmed, an empty one
 * becomes `column_N` (N its 1-based position), and each is cut to the 63 bytes PostgreSQL keeps
 * of an identifier, at a character boundary, before being made unique. A name that occurs once
 * keeps it; later copies of a repeated name get `_2`, `_3`… (the first suffix that is free),
 * cut shorter if need be so the suffix survives PostgreSQL's own truncation.
 */
export const MAX_IDENTIFIER_BYTES = 63;

export function columnNames(raw: readonly string[]): string[] {
  const bases = raw.map((name, i) =>
    truncateUtf8(name.trim() || `column_${i + 1}`, MAX_IDENTIFIER_BYTES),
  );
  const reserved = new Set(bases);
  const used = new Set<string>();
  return bases.map((base) => {
    let name = base;
    for (let n = 2; used.has(name); n++) {
      const suffix = `_${n}`;
      name = truncateUtf8(base, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
      if (reserved.has(name)) name = base;
    }
    used.add(name);
    return name;
  });
}

/** The longest prefix of `text` that is at most `maxBytes` in UTF-8, cut between code points. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // Three bytes a UTF-16 unit at most: short enough, whatever its characters.
  if (text.length * 3 <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}
