/**
 * Where files sit in a workspace's drive: every file has a path `drive/…/<name>`, unique in its
 * workspace, and folders are the paths above files (plus folders kept when made empty). The rules
 * for a path, and the names files get, live here alone; migration 010_file_paths.sql applies the
 * same naming rule to files stored before paths existed (its test compares the two).
 *
 * A path is `drive` followed by `/`-separated segments, each non-empty, not `.` or `..`, without
 * NUL, control characters or a backslash, at most 255 bytes of UTF-8; the whole at most 1024
 * bytes, in Unicode NFC.
 */

/** The root folder of every workspace's files (the seed: 'The default root folder … "drive."'). */
export const ROOT = 'drive';
/** Where files of types the seed does not list go (its "drive/others" folder). */
export const OTHERS = 'drive/others';

export const SEGMENT_MAX_BYTES = 255;
export const PATH_MAX_BYTES = 1024;

/**
 * The extensions whose files go straight into `drive/` (the seed's list: images jpg, png,
 * jpeg; audio mp3, wav; video mp4, wmv, avi), compared case-insensitively.
 */
export const DRIVE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg',
  'png',
  'jpeg',
  'mp3',
  'wav',
  'mp4',
  'wmv',
  'avi',
]);

/**
 * The longest extension (with its dot, in bytes) kept whole when a name is shortened or
 * numbered; a longer tail after the last dot is simply part of the name.
 */
export const EXTENSION_MAX_BYTES = 32;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** C0 controls (NUL among them), DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** What is wrong with one segment of a path, or null. */
function segmentProblem(segment: string, index: number): string | null {
  const where = `segment ${index + 1}`;
  if (segment === '') return `has an empty ${where} (two slashes in a row, or one at an end)`;
  if (segment === '.' || segment === '..') return `has "${segment}" as ${where}`;
  if (bytes(segment) > SEGMENT_MAX_BYTES) {
    return `has a ${where} longer than ${SEGMENT_MAX_BYTES} bytes`;
  }
  return null;
}

/**
 * What is wrong with a path, as the end of a sentence that starts with the path's name
 * (`file_path "x" must start with drive/`), or null when it is a good one. `drive` alone is good
 * (the root folder).
 */
export function pathProblem(path: string): string | null {
  if (path === '') return 'is empty';
  if (bytes(path) > PATH_MAX_BYTES) return `is longer than ${PATH_MAX_BYTES} bytes`;
  if (path.includes('\0')) return 'contains a NUL character';
  if (CONTROL.test(path)) return 'contains a control character';
  if (path.includes('\\')) return 'contains a backslash (separate folders with /)';
  if (path.normalize('NFC') !== path) return 'is not in Unicode normal form NFC';
  const segments = path.split('/');
  if (segments[0] !== ROOT) return `must start with ${ROOT}/ (the root folder)`;
  for (let i = 1; i < segments.length; i++) {
    const problem = segmentProblem(segments[i]!, i);
    if (problem) return problem;
  }
  return null;
}

/** Thrown for a path a client sent that breaks the rules; its message says which. */
export class PathError extends Error {
  override name = 'PathError';
}

/**
 * A path as a client sends it, made the stored form: in NFC (a name typed on macOS, decomposed,
 * finds the one stored composed), one trailing `/` dropped (`drive/photos/` is the folder).
 * Throws PathError, naming the parameter, when it breaks a rule.
 */
export function clientPath(raw: string, parameter: string): string {
  let path = raw.normalize('NFC');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const problem = pathProblem(path);
  if (problem) throw new PathError(`${parameter} "${raw}" ${problem}`);
  return path;
}

/**
 * The folder `?dir=` names, relative to `drive/` (`photos/2024` is `drive/photos/2024`); slashes
 * at its ends are dropped, and an empty one is `drive` itself.
 */
export function dirPath(raw: string, parameter = 'dir'): string {
  const relative = raw.normalize('NFC').replace(/^\/+|\/+$/g, '');
  const path = relative === '' ? ROOT : `${ROOT}/${relative}`;
  const problem = pathProblem(path);
  if (problem) throw new PathError(`${parameter} "${raw}" (the folder ${path}) ${problem}`);
  return path;
}

/** The last segment of a path. */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The folder a path is in (`drive` for `drive/a.jpg`). */
export const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));

/** The folders above a path that can be made or removed: all but `drive`, outermost first. */
export function foldersAbove(path: string): string[] {
  const segments = path.split('/');
  const folders: string[] = [];
  for (let i = 2; i < segments.length; i++) folders.push(segments.slice(0, i).join('/'));
  return folders;
}

/** The folder and its own parents, outermost first, `drive` left out (for `?dir` folders). */
export const folderAndAbove = (folder: string) =>
  folder === ROOT ? [] : [...foldersAbove(folder), folder];

/** A name's stem and extension (with its dot); a dot that starts the name starts no extension. */
export function splitName(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { stem: name, extension: '' };
  const extension = name.slice(dot);
  if (bytes(extension) > EXTENSION_MAX_BYTES) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension };
}

/** `text` cut to at most `max` bytes of UTF-8, never inside a character. */
export function truncateBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let kept = '';
  let used = 0;
  for (const char of text) {
    const size = bytes(char);
    if (used + size > max) break;
    kept += char;
    used += size;
  }
  return kept;
}

/**
 * The `n`th name for `name` in a folder: the name itself for 1, then `name (2).ext`,
 * `name (3).ext`…, its stem shortened so the whole stays within a segment's 255 bytes.
 */
export function numberedName(name: string, n: number): string {
  const { stem, extension } = splitName(name);
  const suffix = n > 1 ? ` (${n})` : '';
  return (
    truncateBytes(stem, SEGMENT_MAX_BYTES - bytes(suffix) - bytes(extension)) + suffix + extension
  );
}

/**
 * The path segment a stored file name (already cleaned by contract/filename.ts) becomes: slashes
 * and backslashes are `_`, as are the dots of a name that is only `.` or `..`; control characters
 * go; NFC; shortened to 255 bytes, keeping its extension.
 */
export function nameSegment(filename: string): string {
  let name = filename.replace(new RegExp(CONTROL.source, 'gu'), '').normalize('NFC');
  name = name.replace(/[/\\]/g, '_');
  if (name === '.' || name === '..') name = name.replace(/\./g, '_');
  if (name === '') name = 'file';
  return numberedName(name, 1);
}

/** The extension of a name, lower-case and without its dot ('' for none). */
export const extensionOf = (name: string) => splitName(name).extension.slice(1).toLowerCase();

/**
 * The folder a file uploaded without a folder goes to, by its name's extension (the seed):
 * `drive` for the listed image, audio and video types, `drive/others` for everything else.
 */
export const defaultFolder = (name: string) =>
  DRIVE_EXTENSIONS.has(extensionOf(name)) ? ROOT : OTHERS;
