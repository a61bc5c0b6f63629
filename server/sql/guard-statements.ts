import type { ObjectType } from 'libpg-query';
import { isObject, location, unwrap, type AstObject } from './guard-ast';
import { refuseShow } from './guard-settings';
import {
  DEFINE_WORDS,
  leadingWords,
  objectWords,
  TRANSACTION_WORDS,
} from './guard-statement-words';

/**
 * Which kinds of statement a workspace may run, and why the others are refused. The workspace's
 * own login role is the real boundary (it owns only its tables, can create only in its schema);
 * this list refuses, before anything reaches PostgreSQL, what a workspace must never do, and
 * says why in words an analyst can act on. What a statement of an allowed kind calls or changes
 * is checked by ./guard-policy.
 */

const ALLOWED_STATEMENTS = new Set([
  'SelectStmt', // also VALUES, UNION/INTERSECT/EXCEPT and SELECT INTO
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateStmt',
  'ViewStmt',
  'RefreshMatViewStmt',
  'IndexStmt',
  'TruncateStmt',
  'CommentStmt',
  'CreateSeqStmt',
  'AlterSeqStmt',
  'CompositeTypeStmt',
  'CreateEnumStmt',
  'CreateDomainStmt',
  'AlterEnumStmt', // ADD VALUE, and RENAME VALUE which shares the node
  'VacuumStmt', // also ANALYZE
  'ReindexStmt',
  'CreateStatsStmt',
]);

// ALTER TYPE … ADD ATTRIBUTE (composite types) is an AlterTableStmt on OBJECT_TYPE.
const ALTERABLE: ReadonlySet<ObjectType> = new Set<ObjectType>([
  'OBJECT_TABLE',
  'OBJECT_INDEX',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_SEQUENCE',
  'OBJECT_TYPE',
]);

// Statistics objects may be created, so they may be dropped too.
const DROPPABLE: ReadonlySet<ObjectType> = new Set<ObjectType>([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_INDEX',
  'OBJECT_SEQUENCE',
  'OBJECT_TYPE',
  'OBJECT_DOMAIN',
  'OBJECT_STATISTIC_EXT',
]);

const RENAMEABLE: ReadonlySet<ObjectType> = new Set<ObjectType>([
  'OBJECT_TABLE',
  'OBJECT_COLUMN',
  'OBJECT_INDEX',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_TABCONSTRAINT',
  'OBJECT_SEQUENCE',
  'OBJECT_TYPE',
  'OBJECT_ATTRIBUTE', // a composite type's attribute
  'OBJECT_DOMAIN',
  'OBJECT_DOMCONSTRAINT',
]);

export const SETTINGS_RESET = 'session settings are reset after every request';
const OWN_ROLE = "statements run as the workspace's own role";
const ONE_TRANSACTION = 'each request is one statement in its own transaction';
const CONSOLE_ACCESS = 'access to a workspace is managed by the console';
const PER_REQUEST = 'sessions do not outlive a request';

/** Statements refused whatever their details, with their name in SQL and, where useful, why. */
const REFUSED_STATEMENTS: Record<string, [string, string?]> = {
  AlterCollationStmt: ['ALTER COLLATION'],
  AlterDatabaseRefreshCollStmt: ['ALTER DATABASE'],
  AlterDatabaseSetStmt: ['ALTER DATABASE'],
  AlterDatabaseStmt: ['ALTER DATABASE'],
  AlterDefaultPrivilegesStmt: ['ALTER DEFAULT PRIVILEGES', CONSOLE_ACCESS],
  AlterDomainStmt: ['ALTER DOMAIN'],
  AlterEventTrigStmt: ['ALTER EVENT TRIGGER'],
  AlterExtensionContentsStmt: ['ALTER EXTENSION'],
  AlterExtensionStmt: ['ALTER EXTENSION'],
  AlterFdwStmt: ['ALTER FOREIGN DATA WRAPPER'],
  AlterForeignServerStmt: ['ALTER SERVER'],
  AlterOpFamilyStmt: ['ALTER OPERATOR FAMILY'],
  AlterOperatorStmt: ['ALTER OPERATOR'],
  AlterPolicyStmt: ['ALTER POLICY'],
  AlterPublicationStmt: ['ALTER PUBLICATION'],
  AlterStatsStmt: ['ALTER STATISTICS'],
  AlterSubscriptionStmt: ['ALTER SUBSCRIPTION'],
  AlterSystemStmt: ['ALTER SYSTEM'],
  AlterTSConfigurationStmt: ['ALTER TEXT SEARCH CONFIGURATION'],
  AlterTSDictionaryStmt: ['ALTER TEXT SEARCH DICTIONARY'],
  AlterTableMoveAllStmt: ['ALTER … ALL IN TABLESPACE'],
  AlterTableSpaceOptionsStmt: ['ALTER TABLESPACE'],
  AlterTypeStmt: ['ALTER TYPE … SET'],
  AlterUserMappingStmt: ['ALTER USER MAPPING'],
  CallStmt: ['CALL'],
  CheckPointStmt: ['CHECKPOINT'],
  ClosePortalStmt: ['CLOSE', PER_REQUEST],
  ClusterStmt: ['CLUSTER'],
  ConstraintsSetStmt: ['SET CONSTRAINTS', ONE_TRANSACTION],
  CopyStmt: ['COPY', 'use the import endpoint to load files'],
  CreateAmStmt: ['CREATE ACCESS METHOD'],
  CreateCastStmt: ['CREATE CAST'],
  CreateConversionStmt: ['CREATE CONVERSION'],
  CreateEventTrigStmt: ['CREATE EVENT TRIGGER'],
  CreateFdwStmt: ['CREATE FOREIGN DATA WRAPPER'],
  CreateForeignServerStmt: ['CREATE SERVER'],
  CreateForeignTableStmt: ['CREATE FOREIGN TABLE'],
  CreateOpClassStmt: ['CREATE OPERATOR CLASS'],
  CreateOpFamilyStmt: ['CREATE OPERATOR FAMILY'],
  CreatePLangStmt: ['CREATE LANGUAGE'],
  CreatePolicyStmt: ['CREATE POLICY'],
  CreatePublicationStmt: ['CREATE PUBLICATION'],
  CreateRangeStmt: ['CREATE TYPE … AS RANGE'],
  CreateSchemaStmt: ['CREATE SCHEMA', 'a workspace is one schema, managed by the console'],
  CreateSubscriptionStmt: ['CREATE SUBSCRIPTION'],
  CreateTableSpaceStmt: ['CREATE TABLESPACE'],
  CreateTransformStmt: ['CREATE TRANSFORM'],
  CreateUserMappingStmt: ['CREATE USER MAPPING'],
  CreatedbStmt: ['CREATE DATABASE'],
  DeallocateStmt: ['DEALLOCATE', PER_REQUEST],
  DeclareCursorStmt: ['DECLARE', PER_REQUEST],
  DiscardStmt: ['DISCARD', 'session state is reset after every request'],
  DoStmt: ['DO'],
  DropOwnedStmt: ['DROP OWNED'],
  DropSubscriptionStmt: ['DROP SUBSCRIPTION'],
  DropTableSpaceStmt: ['DROP TABLESPACE'],
  DropUserMappingStmt: ['DROP USER MAPPING'],
  DropdbStmt: ['DROP DATABASE'],
  ExecuteStmt: ['EXECUTE', PER_REQUEST],
  ImportForeignSchemaStmt: ['IMPORT FOREIGN SCHEMA'],
  ListenStmt: ['LISTEN', PER_REQUEST],
  LoadStmt: ['LOAD'],
  LockStmt: ['LOCK'],
  NotifyStmt: ['NOTIFY'],
  PrepareStmt: ['PREPARE', PER_REQUEST],
  ReassignOwnedStmt: ['REASSIGN OWNED'],
  RuleStmt: ['CREATE RULE'],
  SecLabelStmt: ['SECURITY LABEL'],
  UnlistenStmt: ['UNLISTEN', PER_REQUEST],
};

export interface Refusal {
  what: string;
  why?: string | undefined;
  /** byte offset; the statement's start when absent */
  at?: number | undefined;
}

/** Why a statement of this kind is refused, or null when its kind is allowed. */
export function refuseKind(kind: string, body: AstObject, sql: string): Refusal | null {
  if (ALLOWED_STATEMENTS.has(kind)) return null;
  switch (kind) {
    case 'ExplainStmt':
    case 'CreateTableAsStmt': {
      const [innerKind, inner] = unwrap(body.query);
      return refuseKind(innerKind, inner, sql);
    }
    case 'AlterTableStmt': {
      if (!ALTERABLE.has(body.objtype as ObjectType)) {
        return { what: `ALTER ${objectWords(body.objtype)}` };
      }
      const object = objectWords(body.objtype);
      for (const cmd of Array.isArray(body.cmds) ? body.cmds : []) {
        const [, command] = unwrap(cmd);
        if (command.subtype === 'AT_ChangeOwner') {
          return {
            what: `ALTER ${object} … OWNER TO`,
            why: 'objects stay owned by the workspace',
            at: location(isObject(command.newowner) ? command.newowner : undefined),
          };
        }
        if (command.subtype === 'AT_SetTableSpace') {
          return { what: `ALTER ${object} … SET TABLESPACE` };
        }
      }
      return null;
    }
    case 'DropStmt':
      return DROPPABLE.has(body.removeType as ObjectType)
        ? null
        : { what: `DROP ${objectWords(body.removeType)}` };
    case 'RenameStmt':
      return RENAMEABLE.has(body.renameType as ObjectType)
        ? null
        : { what: `ALTER ${objectWords(body.renameType)} … RENAME` };
    case 'AlterOwnerStmt':
      return {
        what: `ALTER ${objectWords(body.objectType)} … OWNER TO`,
        why: 'objects stay owned by the workspace',
      };
    case 'AlterObjectSchemaStmt':
      return {
        what: `ALTER ${objectWords(body.objectType)} … SET SCHEMA`,
        why: "objects stay in the workspace's schema",
      };
    case 'AlterObjectDependsStmt':
      return { what: `ALTER ${objectWords(body.objectType)} … DEPENDS ON EXTENSION` };
    case 'VariableSetStmt':
      return describeSet(body);
    case 'VariableShowStmt':
      return refuseShow(typeof body.name === 'string' ? body.name : '');
    case 'TransactionStmt':
      return { what: TRANSACTION_WORDS[body.kind as string] ?? 'BEGIN', why: ONE_TRANSACTION };
    case 'CreateFunctionStmt':
      return { what: body.is_procedure ? 'CREATE PROCEDURE' : 'CREATE FUNCTION' };
    case 'AlterFunctionStmt':
      return { what: `ALTER ${objectWords(body.objtype)}` };
    case 'GrantStmt':
    case 'GrantRoleStmt':
      return { what: body.is_grant ? 'GRANT' : 'REVOKE', why: CONSOLE_ACCESS };
    case 'CreateRoleStmt': {
      const type = body.stmt_type;
      return {
        what:
          type === 'ROLESTMT_USER'
            ? 'CREATE USER'
            : type === 'ROLESTMT_GROUP'
              ? 'CREATE GROUP'
              : 'CREATE ROLE',
        why: CONSOLE_ACCESS,
      };
    }
    case 'AlterRoleStmt':
    case 'AlterRoleSetStmt':
    case 'DropRoleStmt': {
      // ALTER/DROP USER and GROUP parse to the ROLE nodes.
      const [verb, noun] = leadingWords(sql, 2);
      const object = noun === 'USER' || noun === 'GROUP' ? noun : 'ROLE';
      return { what: `${verb === 'DROP' ? 'DROP' : 'ALTER'} ${object}`, why: CONSOLE_ACCESS };
    }
    case 'CreateExtensionStmt': {
      // CREATE LANGUAGE without a handler is kept for compatibility as CREATE EXTENSION.
      const words = leadingWords(sql, 6);
      return { what: words.includes('LANGUAGE') ? 'CREATE LANGUAGE' : 'CREATE EXTENSION' };
    }
    case 'FetchStmt':
      return { what: body.ismove ? 'MOVE' : 'FETCH', why: PER_REQUEST };
    case 'CreateTrigStmt':
      return { what: body.isconstraint ? 'CREATE CONSTRAINT TRIGGER' : 'CREATE TRIGGER' };
    case 'DefineStmt':
      return { what: DEFINE_WORDS[body.kind as ObjectType] ?? 'CREATE (definition)' };
  }
  const known = REFUSED_STATEMENTS[kind];
  if (known) return { what: known[0], why: known[1] };
  // A node type this list does not know yet (a newer parser): refused all the same.
  return { what: `This statement (${kind})` };
}

function describeSet(body: AstObject): Refusal {
  const name = typeof body.name === 'string' ? body.name.toLowerCase() : '';
  const reset = body.kind === 'VAR_RESET' || body.kind === 'VAR_RESET_ALL';
  const verb = reset ? 'RESET' : 'SET';
  if (name === 'role') return { what: `${verb} ROLE`, why: OWN_ROLE };
  if (name === 'session_authorization') {
    return { what: `${verb} SESSION AUTHORIZATION`, why: OWN_ROLE };
  }
  if (body.kind === 'VAR_SET_MULTI' && name === 'transaction') {
    return { what: 'SET TRANSACTION', why: ONE_TRANSACTION };
  }
  if (body.kind === 'VAR_SET_MULTI' && name === 'session characteristics') {
    return { what: 'SET SESSION CHARACTERISTICS', why: SETTINGS_RESET };
  }
  return { what: verb, why: SETTINGS_RESET };
}
