import type { FastifyRequest } from 'fastify';
import {
  fileValue,
  type FileInfo,
  type FileRecord,
  type FileReference,
} from '../../../contract/files';
import type { Db } from '../../db/index';
import type { SqlSession } from '../../db/workspace-sessions';
import { ApiError } from '../../errors';
import type { Logger } from '../../logger';
import {
  deleteFileReferences,
  fileReferences,
  insertFileRow,
  recordColumn,
  type FileColumn,
} from '../../sql/file-columns';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { sqlApiError } from '../../sql/sql-api-error';
import type { AcrossOptions } from '../../sql/two-phase';

/**
 * Table rows that go with a file, for both file APIs: an upload recorded in a column, the rows
 * that name a file, and those rows deleted with it. The rows change in the same transaction as
 * the file's record (save.ts, through server/sql/two-phase.ts). A workspace's tables live in
 * the schema named after it.
 */

/** What changing rows with files needs: the databases, and who asks. */
export interface RowKeeping {
  db: Db;
  sandbox: WorkspaceSandbox;
  logger: Logger;
}

/** Work on a workspace's table rows that commits with a file's record, or not at all. */
export interface RowChange<T> {
  across: AcrossOptions;
  change(session: SqlSession, file: FileInfo): Promise<T>;
}

const tenantOf = (request: FastifyRequest) => ({
  orgId: request.workspaceAccess.workspace.org_id,
  userId: request.user.id,
});

function acrossFor(keeping: RowKeeping, request: FastifyRequest): AcrossOptions {
  return {
    ...keeping,
    workspaceId: request.workspaceAccess.workspace.id,
    run: { tenant: tenantOf(request) },
  };
}

/** The workspace's statement failing, as the API says it, naming what was not done. */
function failed(error: unknown, what: string): unknown {
  const translated = sqlApiError(error);
  if (!(translated instanceof ApiError)) return translated;
  return new ApiError(
    translated.status,
    translated.code,
    `${what}: ${translated.message}`,
    translated.extra,
    translated.headers,
  );
}

/**
 * The column an upload is to be recorded in, checked before its bytes are read: a 400 when the
 * table or column is missing or its type holds neither an id nor a path.
 */
export async function recordTarget(
  { sandbox }: RowKeeping,
  request: FastifyRequest,
  wanted: { table: string; column: string },
): Promise<FileColumn> {
  const { workspace } = request.workspaceAccess;
  return sandbox.run(workspace.id, { tenant: tenantOf(request) }, (session) =>
    recordColumn(session, workspace.id, wanted),
  );
}

/** Inserts one row holding the uploaded file's id or path in `target`. */
export function recordingIn(
  keeping: RowKeeping,
  request: FastifyRequest,
  target: FileColumn,
): RowChange<FileRecord> {
  const schema = request.workspaceAccess.workspace.id;
  return {
    across: acrossFor(keeping, request),
    async change(session, file) {
      try {
        await insertFileRow(session, schema, target, file);
      } catch (error) {
        throw failed(
          error,
          `Recording the file in column "${target.column}" of "${target.table}" failed, so ` +
            'the file was not stored',
        );
      }
      return { ...target, value: fileValue(file, target.match) };
    },
  };
}

/** Deletes the rows that name the file (in `only`, or in any column that can), counting them. */
export function deletingRows(
  keeping: RowKeeping,
  request: FastifyRequest,
  only?: FileColumn,
): RowChange<FileReference[]> {
  const schema = request.workspaceAccess.workspace.id;
  return {
    across: acrossFor(keeping, request),
    async change(session, file) {
      try {
        return await deleteFileReferences(session, schema, file, only);
      } catch (error) {
        throw failed(error, 'Deleting the rows that use the file failed, so nothing was deleted');
      }
    },
  };
}

/** The rows of the workspace's tables that name `file`, per table and column. */
export async function referencesTo(
  { sandbox }: RowKeeping,
  request: FastifyRequest,
  file: FileInfo,
): Promise<FileReference[]> {
  const { workspace } = request.workspaceAccess;
  try {
    return await sandbox.run(workspace.id, { tenant: tenantOf(request) }, (session) =>
      fileReferences(session, workspace.id, file),
    );
  } catch (error) {
    throw failed(error, 'Finding the rows that use the file failed');
  }
}
