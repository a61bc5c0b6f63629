export interface PreviewText {
  text: string;
  /** For JSON: whether the text parsed (and so is shown pretty-printed). */
  json?: { valid: true } | { valid: false; reason: string };
}

/** JSON pretty-printed with two spaces; as it came, with the parser's complaint, when invalid. */
export function formatJson(text: string): PreviewText {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), json: { valid: true } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { text, json: { valid: false, reason } };
  }
}
