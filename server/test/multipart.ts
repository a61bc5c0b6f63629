/** A part of a multipart body: a plain field, or a file with its name and declared type. */
export type FormPart = string | { content: string | Buffer; filename: string; type?: string };

/**
 * A multipart/form-data body with the parts in the order given, as browsers, curl -F and
 * requests send it, ready for `server.call` (`body` and the `content-type` header).
 */
export async function encodeForm(
  parts: readonly (readonly [string, FormPart])[],
): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, part] of parts) {
    if (typeof part === 'string') form.append(name, part);
    else form.append(name, new Blob([part.content], { type: part.type ?? '' }), part.filename);
  }
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type')!,
  };
}
