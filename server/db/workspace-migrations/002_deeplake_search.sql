-- pg_deeplake's SQL on plain PostgreSQL, so the Deeplake docs' and agent skill's examples run
-- unchanged: domain types, BM25-style `text <#> 'query'`, `text @> 'keyword'`, hybrid search with
-- deeplake_hybrid_record, text deeplake_index statistics and deeplake_sync_table().
--
-- Everything a workspace calls lives in `public`, which every workspace session's search_path
-- ends with (`<workspace>, public`, set by server/sql/sandbox.ts) and which only the console's
-- role may change. The statistics behind BM25 live in deeplake_internal, out of the workspace
-- role's reach; it reads them only through deeplake_text_statistics(), which shows a caller the
-- statistics of the columns it may read itself.

-- PostgreSQL 15 and later give PUBLIC only USAGE on `public`; a database made by an older
-- initdb still lets everyone create there. The shared types below must not be shadowed or
-- joined by a workspace's objects, so make sure.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

---------------------------------------------------------------------------------------------
-- Domain types, as pg_deeplake names them. They behave as their base types; the names carry
-- meaning for clients (`IMAGE` columns render as images). Unquoted, `IMAGE` resolves to
-- public.image. Query results report the base type (PostgreSQL sends a domain's base type).

CREATE DOMAIN public.image AS bytea;
CREATE DOMAIN public.embedding AS real[];
CREATE DOMAIN public.segment_mask AS bytea;
CREATE DOMAIN public.binary_mask AS bytea;
CREATE DOMAIN public.bounding_box AS real[];
CREATE DOMAIN public.class_label AS integer;
CREATE DOMAIN public.deeplake_polygon AS bytea;
CREATE DOMAIN public.deeplake_point AS real[];
CREATE DOMAIN public.mesh AS bytea;
CREATE DOMAIN public.medical AS bytea;

---------------------------------------------------------------------------------------------
-- `text @> 'keyword'`: whether the text contains the keyword, exactly as written (case and
-- spaces included), like Deeplake's exact-text match. A plain SQL function, so the planner
-- inlines it to strpos().

CREATE FUNCTION public.deeplake_text_contains(document text, fragment text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.strpos(document, fragment) > 0;

CREATE OPERATOR public.@> (
  LEFTARG = text,
  RIGHTARG = text,
  FUNCTION = public.deeplake_text_contains
);

---------------------------------------------------------------------------------------------
-- Text statistics for BM25. A column with a `deeplake_index` on it (on the column itself, not
-- an expression, and without a WHERE clause) is a corpus. Kept for it: how many documents
-- (non-NULL values) it has and their total length in tokens; for each term, how many of its
-- documents contain it; and a 64-bit hash of each distinct text with its number of rows, which
-- tells a search whether the text it scores is one of the column's values. An event trigger
-- registers the corpus when such an index is created, another forgets it when the last one
-- goes, and statement triggers on the table keep the numbers current through every INSERT,
-- UPDATE, DELETE, MERGE, COPY and TRUNCATE, in the same transaction, so they are exactly as
-- visible as the rows they count.
--
-- Text is tokenised with the `english` text search configuration (lower case, stemmed, stop
-- words dropped), and only its first 131072 characters: a tsvector holds at most 1 MB of
-- lexemes, and a long document must not make its INSERT fail.

CREATE TABLE deeplake_internal.text_corpora (
  table_oid oid NOT NULL,
  attnum smallint NOT NULL,
  -- The table's schema when it was registered: the workspace whose searches it serves.
  schema_oid oid NOT NULL,
  documents bigint NOT NULL DEFAULT 0,
  total_length bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (table_oid, attnum)
);
CREATE INDEX text_corpora_schema ON deeplake_internal.text_corpora (schema_oid);

-- No foreign keys to text_corpora: a check per row would slow every bulk load. Whatever
-- removes a corpus removes its rows here (text_statistics_forget).
CREATE TABLE deeplake_internal.text_terms (
  table_oid oid NOT NULL,
  attnum smallint NOT NULL,
  term text NOT NULL,
  documents bigint NOT NULL,
  PRIMARY KEY (table_oid, attnum, term)
);

CREATE TABLE deeplake_internal.text_documents (
  table_oid oid NOT NULL,
  attnum smallint NOT NULL,
  hash bigint NOT NULL, -- hashtextextended(text, 0)
  rows bigint NOT NULL,
  PRIMARY KEY (table_oid, attnum, hash)
);

-- The terms of a text, as BM25 counts them here. Shared by the statistics and the scoring, so
-- both see the same tokens.
CREATE FUNCTION public.deeplake_text_terms(document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.to_tsvector('pg_catalog.english'::regconfig, pg_catalog.left(document, 131072));

-- Tokens in a tsvector from to_tsvector (stop words excluded): the sum of every term's count.
-- PostgreSQL keeps at most 256 positions per term, so a term's count stops at 256.
CREATE FUNCTION public.deeplake_token_count(terms tsvector) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT coalesce(sum(pg_catalog.cardinality(t.positions)), 0)::bigint
          FROM pg_catalog.unnest(terms) AS t);

-- The deeplake_indexes that make corpora: on a plain column (hash indexes have exactly one),
-- without a WHERE clause.
CREATE VIEW deeplake_internal.text_indexes AS
SELECT i.indexrelid, i.indrelid, i.indkey[0] AS attnum
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
 WHERE am.amname = 'deeplake_index' AND i.indkey[0] > 0 AND i.indpred IS NULL;

CREATE FUNCTION deeplake_internal.text_statistics_forget(target oid, target_column smallint)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  DELETE FROM deeplake_internal.text_terms t
   WHERE t.table_oid = target AND t.attnum = target_column;
  DELETE FROM deeplake_internal.text_documents d
   WHERE d.table_oid = target AND d.attnum = target_column;
  DELETE FROM deeplake_internal.text_corpora c
   WHERE c.table_oid = target AND c.attnum = target_column;
END;

-- Recounts one corpus from its table. The corpus row is locked first, as the statement
-- triggers do, so a recount and a concurrent write cannot interleave.
CREATE FUNCTION deeplake_internal.text_statistics_rebuild(target oid, target_column smallint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  column_name name;
BEGIN
  PERFORM 1 FROM deeplake_internal.text_corpora c
   WHERE c.table_oid = target AND c.attnum = target_column FOR UPDATE;
  SELECT a.attname INTO column_name FROM pg_attribute a
   WHERE a.attrelid = target AND a.attnum = target_column AND NOT a.attisdropped;
  IF NOT FOUND THEN
    PERFORM deeplake_internal.text_statistics_forget(target, target_column);
    RETURN;
  END IF;
  DELETE FROM deeplake_internal.text_terms t
   WHERE t.table_oid = target AND t.attnum = target_column;
  DELETE FROM deeplake_internal.text_documents d
   WHERE d.table_oid = target AND d.attnum = target_column;
  EXECUTE format(
    $sql$
      WITH docs AS MATERIALIZED (
        SELECT hashtextextended(v.doc, 0) AS hash, public.deeplake_text_terms(v.doc) AS terms
          FROM (SELECT %1$I::text AS doc FROM %2$s WHERE %1$I IS NOT NULL) AS v
      ), counted AS (
        INSERT INTO deeplake_internal.text_terms (table_oid, attnum, term, documents)
        SELECT $1, $2, u.lexeme, count(*) FROM docs, unnest(docs.terms) AS u GROUP BY u.lexeme
      ), listed AS (
        INSERT INTO deeplake_internal.text_documents (table_oid, attnum, hash, rows)
        SELECT $1, $2, docs.hash, count(*) FROM docs GROUP BY docs.hash
      )
      UPDATE deeplake_internal.text_corpora AS c
         SET documents = (SELECT count(*) FROM docs),
             total_length = (SELECT coalesce(sum(public.deeplake_token_count(docs.terms)), 0)
                               FROM docs)
       WHERE c.table_oid = $1 AND c.attnum = $2
    $sql$, column_name, target::regclass)
  USING target, target_column;
END $$;

-- Keeps a table's corpora current. Statement-level, from the transition tables: each distinct
-- text is tokenised once per statement with its net count (+1 per row that now has it, -1 per
-- row that had it), so an UPDATE that leaves the text alone costs no tokenising. The trigger
-- finds its corpora from TG_RELID alone (no arguments to trust), and locks their rows in
-- order, which also keeps concurrent writers of one table from deadlocking on term rows.
CREATE FUNCTION deeplake_internal.text_statistics_maintain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  corpus record;
  changes text;
  emptied_terms text[];
  emptied_texts bigint[];
BEGIN
  FOR corpus IN
    SELECT c.attnum, a.attname
      FROM deeplake_internal.text_corpora c
      JOIN pg_attribute a ON a.attrelid = c.table_oid AND a.attnum = c.attnum
     WHERE c.table_oid = TG_RELID AND NOT a.attisdropped
     ORDER BY c.attnum
       FOR UPDATE OF c
  LOOP
    IF TG_OP = 'TRUNCATE' THEN
      DELETE FROM deeplake_internal.text_terms t
       WHERE t.table_oid = TG_RELID AND t.attnum = corpus.attnum;
      DELETE FROM deeplake_internal.text_documents d
       WHERE d.table_oid = TG_RELID AND d.attnum = corpus.attnum;
      UPDATE deeplake_internal.text_corpora c SET documents = 0, total_length = 0
       WHERE c.table_oid = TG_RELID AND c.attnum = corpus.attnum;
      CONTINUE;
    END IF;
    changes := CASE TG_OP
      WHEN 'INSERT' THEN format('SELECT %I::text, 1 FROM deeplake_new', corpus.attname)
      WHEN 'DELETE' THEN format('SELECT %I::text, -1 FROM deeplake_old', corpus.attname)
      ELSE format('SELECT %1$I::text, 1 FROM deeplake_new UNION ALL SELECT %1$I::text, -1 FROM deeplake_old',
                  corpus.attname)
    END;
    EXECUTE format(
      $sql$
        WITH changed AS (
          SELECT c.doc, sum(c.n) AS n FROM (%s) AS c (doc, n)
           WHERE c.doc IS NOT NULL GROUP BY c.doc HAVING sum(c.n) <> 0
        ), docs AS MATERIALIZED (
          SELECT changed.n, hashtextextended(changed.doc, 0) AS hash,
                 public.deeplake_text_terms(changed.doc) AS terms
            FROM changed
        ), counted AS (
          INSERT INTO deeplake_internal.text_terms AS t (table_oid, attnum, term, documents)
          SELECT $1, $2, u.lexeme, sum(docs.n) FROM docs, unnest(docs.terms) AS u
           GROUP BY u.lexeme HAVING sum(docs.n) <> 0 ORDER BY u.lexeme
          ON CONFLICT (table_oid, attnum, term)
            DO UPDATE SET documents = t.documents + excluded.documents
          RETURNING t.term, t.documents
        ), listed AS (
          INSERT INTO deeplake_internal.text_documents AS d (table_oid, attnum, hash, rows)
          SELECT $1, $2, docs.hash, sum(docs.n) FROM docs
           GROUP BY docs.hash HAVING sum(docs.n) <> 0 ORDER BY docs.hash
          ON CONFLICT (table_oid, attnum, hash) DO UPDATE SET rows = d.rows + excluded.rows
          RETURNING d.hash, d.rows
        ), totals AS (
          UPDATE deeplake_internal.text_corpora AS c
             SET documents = c.documents + (SELECT coalesce(sum(docs.n), 0) FROM docs),
                 total_length = c.total_length + (
                   SELECT coalesce(sum(docs.n * public.deeplake_token_count(docs.terms)), 0)
                     FROM docs)
           WHERE c.table_oid = $1 AND c.attnum = $2
        )
        SELECT (SELECT array_agg(counted.term) FROM counted WHERE counted.documents <= 0),
               (SELECT array_agg(listed.hash) FROM listed WHERE listed.rows <= 0)
      $sql$, changes)
    INTO emptied_terms, emptied_texts USING TG_RELID, corpus.attnum;
    -- Terms and texts no row has any more (a statement cannot change a row its CTE just wrote).
    IF emptied_terms IS NOT NULL THEN
      DELETE FROM deeplake_internal.text_terms t
       WHERE t.table_oid = TG_RELID AND t.attnum = corpus.attnum
         AND t.term = ANY (emptied_terms) AND t.documents <= 0;
    END IF;
    IF emptied_texts IS NOT NULL THEN
      DELETE FROM deeplake_internal.text_documents d
       WHERE d.table_oid = TG_RELID AND d.attnum = corpus.attnum
         AND d.hash = ANY (emptied_texts) AND d.rows <= 0;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- Makes a corpus of every text column of the table that a corpus-making deeplake_index covers,
-- counts it, and puts the maintaining triggers on the table. Ordinary and partitioned tables
-- only: a temporary table goes without a DROP the event triggers would see, other relations
-- take no such triggers, and a partition's rows are counted by its partitioned table (whose
-- statement triggers see the rows written through it).
CREATE FUNCTION deeplake_internal.text_statistics_attach(target oid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  table_name text;
  namespace oid;
  column_number smallint;
  event text;
BEGIN
  SELECT r.oid::regclass::text, r.relnamespace INTO table_name, namespace FROM pg_class r
   WHERE r.oid = target AND r.relkind IN ('r', 'p') AND r.relpersistence <> 't'
     AND NOT r.relispartition;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  FOR column_number IN
    SELECT DISTINCT x.attnum
      FROM deeplake_internal.text_indexes x
      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.attnum
      JOIN pg_type ty ON ty.oid = a.atttypid
     WHERE x.indrelid = target AND NOT a.attisdropped
       AND ty.typcategory = 'S' -- text, varchar, char(n), name, and domains over them
  LOOP
    INSERT INTO deeplake_internal.text_corpora (table_oid, attnum, schema_oid)
    VALUES (target, column_number, namespace) ON CONFLICT DO NOTHING;
    IF FOUND THEN
      PERFORM deeplake_internal.text_statistics_rebuild(target, column_number);
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM deeplake_internal.text_corpora c WHERE c.table_oid = target) THEN
    -- A trigger with transition tables takes one event; TRUNCATE has no rows to pass.
    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format(
        'CREATE OR REPLACE TRIGGER %I AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT '
          'EXECUTE FUNCTION deeplake_internal.text_statistics_maintain()',
        'deeplake_text_statistics_' || event, upper(event), table_name,
        CASE event
          WHEN 'insert' THEN 'NEW TABLE AS deeplake_new'
          WHEN 'delete' THEN 'OLD TABLE AS deeplake_old'
          ELSE 'OLD TABLE AS deeplake_old NEW TABLE AS deeplake_new'
        END);
    END LOOP;
    EXECUTE format(
      'CREATE OR REPLACE TRIGGER deeplake_text_statistics_truncate AFTER TRUNCATE ON %s '
        'FOR EACH STATEMENT EXECUTE FUNCTION deeplake_internal.text_statistics_maintain()',
      table_name);
  END IF;
END $$;

-- After a command that can make a deeplake_index: CREATE INDEX, and CREATE TABLE (… LIKE …
-- INCLUDING INDEXES) or ALTER TABLE, which make indexes as part of the table's command.
CREATE FUNCTION deeplake_internal.text_index_created() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  target oid;
BEGIN
  FOR target IN
    SELECT x.indrelid
      FROM pg_event_trigger_ddl_commands() AS d
      JOIN deeplake_internal.text_indexes x ON d.objid IN (x.indexrelid, x.indrelid)
     WHERE d.classid = 'pg_class'::regclass
     GROUP BY x.indrelid
  LOOP
    PERFORM deeplake_internal.text_statistics_attach(target);
  END LOOP;
END $$;

-- After any DROP (of an index, a column, a table, a workspace's schema): corpora that no
-- deeplake_index makes any more go, and so do the triggers of tables left without a corpus.
-- Leftover triggers would be harmless (they find no corpus and return), so failing to remove
-- one never fails the user's DROP.
CREATE FUNCTION deeplake_internal.text_index_dropped() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  orphan record;
  table_name text;
  event text;
BEGIN
  FOR orphan IN
    SELECT c.table_oid, c.attnum FROM deeplake_internal.text_corpora c
     WHERE NOT EXISTS (SELECT 1 FROM deeplake_internal.text_indexes x
                        WHERE x.indrelid = c.table_oid AND x.attnum = c.attnum)
  LOOP
    PERFORM deeplake_internal.text_statistics_forget(orphan.table_oid, orphan.attnum);
    SELECT r.oid::regclass::text INTO table_name FROM pg_class r
     WHERE r.oid = orphan.table_oid
       AND NOT EXISTS (SELECT 1 FROM deeplake_internal.text_corpora c WHERE c.table_oid = r.oid);
    CONTINUE WHEN NOT FOUND;
    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
      BEGIN
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', 'deeplake_text_statistics_' || event,
                       table_name);
      EXCEPTION WHEN OTHERS THEN
        NULL;
      END;
    END LOOP;
  END LOOP;
END $$;

CREATE EVENT TRIGGER deeplake_text_index_created ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX', 'CREATE TABLE', 'ALTER TABLE')
  EXECUTE FUNCTION deeplake_internal.text_index_created();
CREATE EVENT TRIGGER deeplake_text_index_dropped ON sql_drop
  EXECUTE FUNCTION deeplake_internal.text_index_dropped();

REVOKE ALL ON FUNCTION deeplake_internal.text_statistics_forget(oid, smallint) FROM PUBLIC;
REVOKE ALL ON FUNCTION deeplake_internal.text_statistics_rebuild(oid, smallint) FROM PUBLIC;
REVOKE ALL ON FUNCTION deeplake_internal.text_statistics_maintain() FROM PUBLIC;
REVOKE ALL ON FUNCTION deeplake_internal.text_statistics_attach(oid) FROM PUBLIC;
REVOKE ALL ON FUNCTION deeplake_internal.text_index_created() FROM PUBLIC;
REVOKE ALL ON FUNCTION deeplake_internal.text_index_dropped() FROM PUBLIC;

-- Text deeplake_indexes made before this migration get their statistics now.
SELECT deeplake_internal.text_statistics_attach(tables.indrelid)
  FROM (SELECT DISTINCT x.indrelid FROM deeplake_internal.text_indexes x) AS tables;

-- What a BM25 score of `document` needs for the query's `terms`, from the corpora `document`
-- is a value of: their documents, average length and each term's document frequency, pooled.
-- Only corpora of tables in `corpus_schema` (the caller's current schema: its workspace's) and
-- whose column the session's login role may read: never another workspace's. `documents` is 0
-- when the text is in no corpus.
CREATE FUNCTION public.deeplake_text_statistics(
  document text,
  terms text[],
  corpus_schema text,
  OUT documents bigint,
  OUT average_length double precision,
  OUT document_frequencies bigint[]
)
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  corpus record;
  text_hash bigint := hashtextextended(document, 0);
  total_length bigint := 0;
  -- Explicitly: a variable takes the call's collation, and under another one the term lookup
  -- could not use the primary key.
  query_term text COLLATE pg_catalog."default";
  frequency bigint;
BEGIN
  -- Called for every row a search scores: every lookup here is by key, one table at a time.
  documents := 0;
  document_frequencies := array_fill(0::bigint, ARRAY[cardinality(terms)]);
  FOR corpus IN
    SELECT c.table_oid, c.attnum, c.documents, c.total_length
      FROM deeplake_internal.text_corpora c
     WHERE c.schema_oid = to_regnamespace(corpus_schema)
       AND has_column_privilege(SESSION_USER, c.table_oid, c.attnum, 'SELECT')
  LOOP
    CONTINUE WHEN NOT EXISTS (
      SELECT 1 FROM deeplake_internal.text_documents d
       WHERE d.table_oid = corpus.table_oid AND d.attnum = corpus.attnum AND d.hash = text_hash);
    documents := documents + corpus.documents;
    total_length := total_length + corpus.total_length;
    FOR i IN 1 .. cardinality(terms) LOOP
      query_term := terms[i];
      SELECT t.documents INTO frequency FROM deeplake_internal.text_terms t
       WHERE t.table_oid = corpus.table_oid AND t.attnum = corpus.attnum
         AND t.term = query_term;
      document_frequencies[i] := document_frequencies[i] + coalesce(frequency, 0);
    END LOOP;
  END LOOP;
  IF documents > 0 THEN
    average_length := total_length::double precision / documents;
  END IF;
END $$;

---------------------------------------------------------------------------------------------
-- `text <#> 'query'`: BM25 relevance, higher is better, over the statistics of the text
-- deeplake_index columns the scored text is a value of; for a text that is in none of them,
-- term frequency only. With `normalized`, divided by the best score the query's terms could
-- reach, so in [0, 1): the text part of a hybrid score. The README gives the formula.
CREATE FUNCTION public.deeplake_bm25(document text, query text, normalized boolean)
RETURNS double precision
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  k1 CONSTANT double precision := 1.2;
  b CONSTANT double precision := 0.75;
  query_terms text[];
  document_terms tsvector;
  frequencies integer[];
  document_length double precision;
  stats record;
  average_length double precision;
  df double precision;
  idf double precision;
  score double precision := 0;
  best double precision := 0;
BEGIN
  IF query IS NULL THEN
    RETURN NULL;
  END IF;
  -- Distinct terms, sorted (a tsvector's lexemes are).
  query_terms := tsvector_to_array(public.deeplake_text_terms(query));
  IF document IS NULL OR cardinality(query_terms) = 0 THEN
    RETURN 0;
  END IF;
  document_terms := public.deeplake_text_terms(document);
  -- Most documents share no term with the query, and score 0 whatever the statistics.
  IF NOT tsvector_to_array(document_terms) && query_terms THEN
    RETURN 0;
  END IF;
  SELECT array_agg(coalesce(cardinality(d.positions), 0) ORDER BY q.i)
    INTO frequencies
    FROM unnest(query_terms) WITH ORDINALITY AS q (term, i)
    LEFT JOIN unnest(document_terms) AS d ON d.lexeme = q.term;
  document_length := public.deeplake_token_count(document_terms);

  SELECT * INTO stats
    FROM public.deeplake_text_statistics(document, query_terms, current_schema());
  IF stats.documents = 0 THEN
    -- Not a value of any text index: term frequency only, as a share of the text's tokens
    -- (already in [0, 1]).
    RETURN (SELECT sum(f) FROM unnest(frequencies) AS f) / greatest(document_length, 1);
  END IF;
  -- At least 1 token, so that a corpus of empty texts does not divide by zero.
  average_length := greatest(stats.average_length, 1);
  FOR i IN 1 .. cardinality(query_terms) LOOP
    df := least(stats.document_frequencies[i], stats.documents);
    idf := ln(1 + (stats.documents - df + 0.5) / (df + 0.5));
    score := score + idf * frequencies[i] * (k1 + 1)
                     / (frequencies[i] + k1 * (1 - b + b * document_length / average_length));
    best := best + idf * (k1 + 1);
  END LOOP;
  RETURN CASE WHEN normalized THEN score / best ELSE score END;
END $$;

CREATE FUNCTION public.deeplake_text_relevance(document text, query text)
RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE
RETURN public.deeplake_bm25(document, query, false);

CREATE OPERATOR public.<#> (
  LEFTARG = text,
  RIGHTARG = text,
  FUNCTION = public.deeplake_text_relevance
);

---------------------------------------------------------------------------------------------
-- Hybrid search: `(embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2,
-- 0.7, 0.3)`. A row value can only be cast to a composite type of as many columns, so the
-- row side is a two-column type and the function of the same name (four arguments: a call,
-- never a cast) returns the query side with its weights. `(embedding, text) <#> …` without
-- the cast works too: a row converts to the operator's composite on its own.

CREATE TYPE public.deeplake_hybrid_record AS (embedding real[], text text);
CREATE TYPE public.deeplake_hybrid_query AS (
  embedding real[],
  text text,
  vector_weight double precision,
  text_weight double precision
);

CREATE FUNCTION public.deeplake_hybrid_record(
  embedding real[],
  text text,
  vector_weight double precision,
  text_weight double precision
) RETURNS public.deeplake_hybrid_query
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ROW(embedding, text, vector_weight, text_weight)::public.deeplake_hybrid_query;

-- vector_weight × cosine similarity + text_weight × normalised BM25. A part that cannot be
-- scored (NULL or zero vector, NULL text, zero or NULL weight) adds 0, so the score is never
-- NULL and `ORDER BY score DESC` needs no NULLS LAST.
CREATE FUNCTION public.deeplake_hybrid_similarity(
  item public.deeplake_hybrid_record,
  query public.deeplake_hybrid_query
) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce(CASE WHEN coalesce((query).vector_weight, 0) <> 0 THEN
                  (query).vector_weight
                  * public.deeplake_cosine_similarity((item).embedding, (query).embedding)
                END, 0)
     + coalesce(CASE WHEN coalesce((query).text_weight, 0) <> 0 THEN
                  (query).text_weight * public.deeplake_bm25((item).text, (query).text, true)
                END, 0);

CREATE OPERATOR public.<#> (
  LEFTARG = public.deeplake_hybrid_record,
  RIGHTARG = public.deeplake_hybrid_query,
  FUNCTION = public.deeplake_hybrid_similarity
);

---------------------------------------------------------------------------------------------
-- `SELECT deeplake_sync_table('t')`: in pg_deeplake it brings a table up to date with its
-- Deeplake storage. Here the rows are the table, so it only recounts the table's text
-- statistics (and registers text indexes made before they were kept). The name is resolved as
-- the caller would (its search_path, its privileges): an unknown table is an error.

-- The privileged half: only for a table the session's login role owns.
CREATE FUNCTION public.deeplake_sync_text_statistics(target regclass) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  corpus record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class r
                  WHERE r.oid = target AND pg_has_role(SESSION_USER, r.relowner, 'USAGE')) THEN
    RAISE EXCEPTION 'only the owner of a table can sync it' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM deeplake_internal.text_statistics_attach(target);
  FOR corpus IN
    SELECT c.attnum FROM deeplake_internal.text_corpora c WHERE c.table_oid = target ORDER BY c.attnum
  LOOP
    PERFORM deeplake_internal.text_statistics_rebuild(target, corpus.attnum);
  END LOOP;
END $$;

CREATE FUNCTION public.deeplake_sync_table(table_name text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  target regclass;
  kind "char";
BEGIN
  target := to_regclass(table_name);
  IF target IS NULL THEN
    RAISE EXCEPTION 'table "%" does not exist', table_name
      USING ERRCODE = 'undefined_table',
            HINT = 'Name a table of this workspace, as in SELECT deeplake_sync_table(''documents'').';
  END IF;
  SELECT r.relkind INTO kind FROM pg_catalog.pg_class r WHERE r.oid = target;
  IF kind NOT IN ('r', 'p', 'm') THEN
    RAISE EXCEPTION '"%" is not a table', table_name USING ERRCODE = 'wrong_object_type';
  END IF;
  PERFORM public.deeplake_sync_text_statistics(target);
END $$;
