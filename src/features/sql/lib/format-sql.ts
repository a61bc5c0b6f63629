/**
 * Formatting with sql-formatter's PostgreSQL dialect (only that dialect is bundled, and only
 * once someone formats). Its parse errors run to hundreds of lines of grammar trace; the first
 * line says what and where, which is what a person needs.
 */
export type FormatResult = { text: string } | { error: string };

export async function formatSql(sql: string): Promise<FormatResult> {
  const { formatDialect, postgresql } = await import('sql-formatter');
  try {
    return {
      text: formatDialect(sql, {
        dialect: postgresql,
        keywordCase: 'upper',
        tabWidth: 2,
        linesBetweenQueries: 1,
      }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: `Could not format: ${message.split('\n')[0]!.trim()}` };
  }
}
