/**
 * Errors of the statement guard. `position` is 1-based and counts characters (code points) of
 * the text the caller sent, as PostgreSQL's own `position` does, so a client can point at the
 * same spot whichever layer refused the statement.
 */

/** The statement parses but a workspace may not run it. */
export class StatementRefused extends Error {
  override name = 'StatementRefused';

  constructor(
    message: string,
    readonly position?: number,
    /** 42501 (insufficient_privilege) for policy refusals; see the call sites for others. */
    readonly sqlstate: string = '42501',
  ) {
    super(message);
  }
}

/** PostgreSQL's parser rejects the text; the message is the parser's own. */
export class StatementSyntaxError extends Error {
  override name = 'StatementSyntaxError';
  readonly sqlstate = '42601' as const;

  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

/**
 * Nothing to run: empty text, only comments, only semicolons. A subclass of the syntax error so
 * that a caller mapping syntax errors to 400 needs nothing more, yet can tell the two apart.
 */
export class EmptyStatement extends StatementSyntaxError {
  override name = 'EmptyStatement';

  constructor() {
    super('The query is empty');
  }
}
