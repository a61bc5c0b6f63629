-- Migrations of every workspace's own database (server/db/workspace-databases.ts): applied to
-- the console's workspace template, which each new workspace database is copied from, and to
-- every workspace database already made. Workspace roles own nothing here; the console's role
-- (a superuser or the databases' owner) does.
--
-- Deeplake SQL on plain PostgreSQL. `CREATE TABLE … USING deeplake` makes an ordinary heap table.
CREATE ACCESS METHOD deeplake TYPE TABLE HANDLER heap_tableam_handler;

-- `CREATE INDEX … USING deeplake_index (embedding)` makes a hash index: it has no row size limit
-- (a 768-dimension embedding is too wide for a btree entry) and accepts any hashable type. The
-- statement guard strips the ordering and index_type options that Deeplake accepts and hash does
-- not. Every default hash operator class gets a twin for deeplake_index.
CREATE ACCESS METHOD deeplake_index TYPE INDEX HANDLER hashhandler;
DO $$
DECLARE
  class record;
BEGIN
  FOR class IN
    SELECT oc.opcname, format_type(oc.opcintype, NULL) AS type_name,
           equality.amopopr::regoperator AS equality,
           hash.amproc::regprocedure AS hash,
           extended.amproc::regprocedure AS extended_hash
      FROM pg_opclass oc
      JOIN pg_am am ON am.oid = oc.opcmethod AND am.amname = 'hash'
      JOIN pg_amop equality
        ON equality.amopfamily = oc.opcfamily AND equality.amopstrategy = 1
       AND equality.amoplefttype = oc.opcintype AND equality.amoprighttype = oc.opcintype
      JOIN pg_amproc hash
        ON hash.amprocfamily = oc.opcfamily AND hash.amprocnum = 1
       AND hash.amproclefttype = oc.opcintype AND hash.amprocrighttype = oc.opcintype
      LEFT JOIN pg_amproc extended
        ON extended.amprocfamily = oc.opcfamily AND extended.amprocnum = 2
       AND extended.amproclefttype = oc.opcintype AND extended.amprocrighttype = oc.opcintype
     WHERE oc.opcdefault
  LOOP
    EXECUTE format(
      'CREATE OPERATOR CLASS public.%I DEFAULT FOR TYPE %s USING deeplake_index AS OPERATOR 1 %s, FUNCTION 1 %s%s',
      'deeplake_' || class.opcname, class.type_name, class.equality, class.hash,
      CASE WHEN class.extended_hash IS NULL THEN '' ELSE ', FUNCTION 2 ' || class.extended_hash END);
  END LOOP;
END $$;

-- `a <#> b` on float4[]: cosine similarity as in Deeplake (higher is closer; the reverse of
-- pgvector's `<#>`). A zero vector has no direction, so its similarity is NULL rather than NaN.
CREATE FUNCTION public.deeplake_cosine_similarity(a real[], b real[]) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  dot double precision;
  norm_a double precision;
  norm_b double precision;
BEGIN
  IF cardinality(a) <> cardinality(b) THEN
    RAISE EXCEPTION 'cannot compare vectors of different dimensions (% and %)',
      cardinality(a), cardinality(b) USING ERRCODE = 'data_exception';
  END IF;
  SELECT sum(x::double precision * y), sum(x::double precision * x), sum(y::double precision * y)
    INTO dot, norm_a, norm_b
    FROM unnest(a, b) AS pair(x, y);
  IF norm_a IS NULL OR norm_b IS NULL OR norm_a = 0 OR norm_b = 0 THEN
    RETURN NULL;
  END IF;
  RETURN dot / (sqrt(norm_a) * sqrt(norm_b));
END $$;

CREATE OPERATOR public.<#> (
  LEFTARG = real[],
  RIGHTARG = real[],
  FUNCTION = public.deeplake_cosine_similarity,
  COMMUTATOR = OPERATOR(public.<#>)
);
