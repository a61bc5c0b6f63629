-- Files get a path in their workspace's drive (server/files/paths.ts has the rules): `drive/<name>`
-- for the image, audio and video types the older File API lists, `drive/others/<name>` for the
-- rest, a name already taken numbered ` (2)`, ` (3)`… before its extension. Paths compare
-- byte-wise (COLLATE "C"), so a folder's contents are one index range: [folder/, folder0).
ALTER TABLE deeplake_console.files ADD COLUMN path text COLLATE "C";
CREATE UNIQUE INDEX files_workspace_path ON deeplake_console.files (workspace_id, path);

-- Folders kept for themselves: every folder above an uploaded file, and the ones `?dir=` makes,
-- so a folder stays when its last file is deleted. A folder also exists while a file is under it.
CREATE TABLE deeplake_console.file_folders (
  workspace_id text NOT NULL REFERENCES deeplake_console.workspaces (id) ON DELETE CASCADE,
  path text COLLATE "C" NOT NULL CHECK (path LIKE 'drive/_%' AND octet_length(path) <= 1024),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (workspace_id, path)
);

-- The name a stored file name gets as the `n`th in its folder: contract/filename.ts's cleaning
-- (rows stored before its last rule are cleaned only as they are read), then paths.ts's
-- nameSegment and numberedName. Only for this migration.
CREATE FUNCTION pg_temp.file_path_name(filename text, n integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  utf8 constant boolean := current_setting('server_encoding') = 'UTF8';
  -- What JavaScript's trim() removes that is not a control character (set below).
  spaces text := ' ';
  name text := filename;
  suffix constant text := CASE WHEN n > 1 THEN ' (' || n || ')' ELSE '' END;
  dot integer;
  stem text;
  extension text := '';
  room integer;
BEGIN
  -- cleanFilename: hidden characters dropped, NFC, trimmed, at most 255 characters.
  IF utf8 THEN
    spaces := U&' \00A0\1680\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\2028\2029\202F\205F\3000\FEFF';
    name := regexp_replace(name,
      '[\u0001-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2060\u061c\ufeff]',
      '', 'g');
    name := normalize(name, NFC);
  ELSE
    name := regexp_replace(name, '[\x01-\x1f\x7f]', '', 'g');
  END IF;
  name := btrim(name, spaces);
  name := btrim(left(name, 255), spaces);
  IF name = '' THEN name := 'file'; END IF;
  -- nameSegment: no folder separators; `.` and `..` are not names.
  name := translate(name, '/\', '__');
  IF name IN ('.', '..') THEN name := translate(name, '.', '_'); END IF;
  -- numberedName: the stem shortened so the name fits 255 bytes with its number and extension.
  dot := length(name) - strpos(reverse(name), '.') + 1;
  IF strpos(name, '.') > 0 AND dot > 1 AND dot < length(name)
     AND octet_length(substr(name, dot)) <= 32 THEN
    stem := left(name, dot - 1);
    extension := substr(name, dot);
  ELSE
    stem := name;
  END IF;
  room := 255 - octet_length(suffix) - octet_length(extension);
  WHILE octet_length(stem) > room LOOP
    stem := left(stem, length(stem) - GREATEST(1, (octet_length(stem) - room) / 4));
  END LOOP;
  RETURN stem || suffix || extension;
END $$;

-- Existing files, oldest first in each workspace, where an upload would put them now.
DO $$
DECLARE
  f record;
  folder text;
  candidate text;
  n integer;
BEGIN
  FOR f IN SELECT id, workspace_id, filename FROM deeplake_console.files
            ORDER BY workspace_id, created_at, id LOOP
    candidate := pg_temp.file_path_name(f.filename, 1);
    folder := CASE
      -- paths.ts extensionOf: after the last dot, which is not the name's first character.
      WHEN lower(substring(candidate FROM '^.+\.([^.]+)$')) IN
           ('jpg', 'png', 'jpeg', 'mp3', 'wav', 'mp4', 'wmv', 'avi')
      THEN 'drive' ELSE 'drive/others' END;
    n := 1;
    LOOP
      candidate := folder || '/' || pg_temp.file_path_name(f.filename, n);
      EXIT WHEN NOT EXISTS (
        SELECT 1 FROM deeplake_console.files
         WHERE workspace_id = f.workspace_id AND path = candidate);
      n := n + 1;
    END LOOP;
    UPDATE deeplake_console.files SET path = candidate WHERE id = f.id;
  END LOOP;
END $$;

INSERT INTO deeplake_console.file_folders (workspace_id, path)
SELECT DISTINCT workspace_id, 'drive/others' FROM deeplake_console.files
 WHERE path LIKE 'drive/others/%';

ALTER TABLE deeplake_console.files
  ALTER COLUMN path SET NOT NULL,
  ADD CONSTRAINT files_path_check CHECK (path LIKE 'drive/_%' AND octet_length(path) <= 1024);

DROP FUNCTION pg_temp.file_path_name(text, integer);
