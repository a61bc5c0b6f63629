-- `cosine_similarity(embedding, ARRAY[0.1, 0.2, …])`, the function of Deeplake's query API
-- (`POST /api/query/v1`, server/routes/query-v1): the cosine of the angle between two vectors,
-- in [-1, 1], higher is closer. It takes double precision[], so the seed's forms all reach it
-- by PostgreSQL's implicit casts: a real[] (or EMBEDDING) column, an ARRAY of decimal literals
-- (numeric[]), of integers, or a bind parameter. Computed in double precision.
--
-- Vectors of different lengths, or with more than one dimension, are an error, never a number
-- computed from part of them. As `<#>` (deeplake_cosine_similarity): NULL for a NULL or zero
-- vector, which has no direction; also NULL when an element is NULL.
CREATE FUNCTION public.cosine_similarity(a double precision[], b double precision[])
RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  dot double precision;
  norm_a double precision;
  norm_b double precision;
  has_null boolean;
BEGIN
  IF coalesce(array_ndims(a), 1) > 1 OR coalesce(array_ndims(b), 1) > 1 THEN
    RAISE EXCEPTION 'cosine_similarity takes vectors (one-dimensional arrays); these have % and % dimensions',
      coalesce(array_ndims(a), 1), coalesce(array_ndims(b), 1)
      USING ERRCODE = 'data_exception';
  END IF;
  IF cardinality(a) <> cardinality(b) THEN
    RAISE EXCEPTION 'cosine_similarity: the vectors have different lengths (% and %)',
      cardinality(a), cardinality(b)
      USING ERRCODE = 'data_exception',
            HINT = 'Compare each embedding with a query vector of as many numbers.';
  END IF;
  SELECT sum(x * y), sum(x * x), sum(y * y), bool_or(x IS NULL OR y IS NULL)
    INTO dot, norm_a, norm_b, has_null
    FROM unnest(a, b) AS pair(x, y);
  IF has_null OR norm_a IS NULL OR norm_b IS NULL OR norm_a = 0 OR norm_b = 0 THEN
    RETURN NULL;
  END IF;
  -- Rounding can take the quotient of parallel vectors a hair past ±1.
  RETURN greatest(-1, least(1, dot / (sqrt(norm_a) * sqrt(norm_b))));
END $$;
