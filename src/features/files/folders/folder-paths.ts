/**
 * Folder paths as the bundled server writes them (server/files/paths.ts has the rules): `drive`
 * and `/`-separated names under it. The console only splits and joins them; the server checks
 * them and says what is wrong, in words shown as they are.
 */

/** The root folder of every workspace's drive. */
export const ROOT = 'drive';

/** The last name of a path (`2024` for `drive/photos/2024`). */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The folder a path is in; `drive` for what sits at the top (and for `drive` itself). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? ROOT : path.slice(0, slash);
}

/** `drive`, then each folder down to `path`: the breadcrumbs of a folder. */
export function crumbsOf(path: string): { path: string; name: string }[] {
  const names = path.split('/');
  return names.map((name, index) => ({ path: names.slice(0, index + 1).join('/'), name }));
}

/**
 * A folder from the address: `drive/…` with one trailing `/` dropped; anything else (empty, not
 * under `drive`) is the root, so a mangled link still opens the gallery.
 */
export function folderFromAddress(raw: string | null): string {
  if (!raw) return ROOT;
  const path = raw.length > 1 && raw.endsWith('/') ? raw.slice(0, -1) : raw;
  return path === ROOT || path.startsWith(`${ROOT}/`) ? path : ROOT;
}

/**
 * What is wrong with a name typed for a new folder, or null: only what the person can see at
 * once (empty, `.` or `..`, an empty part around a `/`). A `/` is allowed and makes folders
 * inside folders; anything else the server refuses comes back in its own words.
 */
export function folderNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the folder a name';
  const parts = trimmed.split('/');
  if (parts.some((part) => part === ''))
    return 'A name cannot start or end with /, or have // in it';
  if (parts.some((part) => part === '.' || part === '..')) return 'A name cannot be . or ..';
  return null;
}

/** The path of a new folder `name` (already checked) in `folder`. */
export const childPath = (folder: string, name: string) => `${folder}/${name.trim()}`;
