/** One connection's worth of raw SQL. A statement list without parameters may hold several statements. */
export type SqlSession = {
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
};

export type RawSql = SqlSession & {
  /** Runs `fn` on one dedicated connection (needed for session-level advisory locks on PostgreSQL). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
};
