import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SqlSession } from '../../db/workspace-sessions';
import { notFound } from '../../errors';
import { findColumn, profileColumn, type ProfileOptions } from '../../sql/column-profile';
import { tablePath } from '../params';
import { refuse, type ZodTypeProvider } from '../zod-provider';

/** `/workspaces/:ws/tables/:table/columns/:column`: a column name that cannot exist is not found. */
const columnPath = tablePath.extend({
  column: z
    .string()
    .transform((value, ctx) =>
      value === '' || Buffer.byteLength(value) > 63
        ? refuse(ctx, `No column "${value}"`, 404)
        : value,
    ),
});

/** Runs work in the request's workspace sandbox (tableRoutes' inWorkspace). */
type InWorkspace = <T>(
  workspace: { id: string; org_id: string },
  reply: FastifyReply,
  work: (session: SqlSession) => Promise<T>,
) => Promise<T>;

/**
 * A column's profile, for anyone who can read the workspace: read-only, in the workspace's own
 * session (its catalog decides what exists, so another workspace's tables are not found), with
 * the query deadline. The names are looked up first and only then quoted into SQL.
 */
export function columnProfileRoute(
  instance: FastifyInstance,
  inWorkspace: InWorkspace,
  options: ProfileOptions = {},
) {
  instance
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/workspaces/:ws/tables/:table/columns/:column/profile',
      { schema: { params: columnPath } },
      async (request, reply) => {
        const { workspace } = request.workspaceAccess;
        const { table, column } = request.params;
        return inWorkspace(workspace, reply, async (session) => {
          const found = await findColumn(session, workspace.id, table, column);
          if (found === 'no table') {
            throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
          }
          if (found === 'no column') throw notFound(`No column "${column}" in table "${table}"`);
          return profileColumn(
            session,
            { schema: workspace.id, table, column: { ...found, name: column } },
            options,
          );
        });
      },
    );
}
