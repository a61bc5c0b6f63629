/**
 * The delimiters a CSV upload may use, and how the import endpoint picks one: the console's
 * import preview uses the same choice, so what it shows is what the server will read.
 */
export type Delimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Picks the delimiter from the start of a file (~64 KiB of text): the candidate that splits the
 * header into more than one field and the most records into the header's field count, then the
 * one giving more fields. A record the sample cuts off is left out; a single column gives `,`.
 */
export function sniffDelimiter(sample: string): Delimiter {
  const records: number[][] = [];
  let counts = [0, 0, 0, 0];
  let inQuote = false;
  let empty = true;
  const start = sample.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) inQuote = !inQuote;
    else if (inQuote) continue;
    else if (c === LF || c === CR) {
      if (!empty) records.push(counts);
      counts = [0, 0, 0, 0];
      empty = true;
      continue;
    } else {
      const k = CANDIDATES.indexOf(sample[i] as Delimiter);
      if (k !== -1) counts[k]!++;
    }
    empty = false;
  }
  if (!empty && records.length === 0) records.push(counts);
  let best: Delimiter = ',';
  let bestShare = 0;
  let bestFields = 1;
  const header = records[0];
  if (!header) return best;
  CANDIDATES.forEach((candidate, k) => {
    const fields = header[k]! + 1;
    if (fields < 2) return;
    const share = records.filter((record) => record[k]! + 1 === fields).length / records.length;
    if (share > bestShare || (share === bestShare && fields > bestFields)) {
      best = candidate;
      bestShare = share;
      bestFields = fields;
    }
  });
  return best;
}
