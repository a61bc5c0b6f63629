-- Tokens as the hosted service has them: a name, an organization, an expiry and a last-used
-- time, revocable by id. Revoked tokens keep their row so that using one says it was revoked.
-- Tokens made before this migration (the first admin's, `npm run token`, sign-in links) become
-- tokens with no expiry and keep working.

ALTER TABLE deeplake_console.tokens RENAME COLUMN label TO name;
ALTER TABLE deeplake_console.tokens
  -- The id the API names a token by; the hash stays the key it is looked up by.
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- session: a sign-in (console, CLI); api: made at POST /users/me/tokens; device: handed out
  -- by the device flow; invite: a one-time sign-in link, only ever exchanged for a session.
  ADD COLUMN kind text NOT NULL DEFAULT 'session'
    CHECK (kind IN ('session', 'api', 'device', 'invite')),
  ADD COLUMN org_id text REFERENCES deeplake_console.organizations (id) ON DELETE SET NULL,
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN last_used_at timestamptz,
  ADD COLUMN revoked_at timestamptz,
  -- When an invite token was exchanged: it works once.
  ADD COLUMN used_at timestamptz,
  ADD CONSTRAINT tokens_id_key UNIQUE (id);

UPDATE deeplake_console.tokens SET name = 'Sign-in token' WHERE name = '';
UPDATE deeplake_console.tokens SET name = 'Command-line sign-in' WHERE name = 'cli';
UPDATE deeplake_console.tokens SET name = 'First admin sign-in' WHERE name = 'first admin';
CREATE INDEX tokens_user_id_created ON deeplake_console.tokens (user_id, created_at DESC);
DROP INDEX deeplake_console.tokens_user_id;

-- RFC 8628 device authorization requests. Like tokens, both codes are kept only as SHA-256
-- hashes: the device code is a bearer secret, and the user code is looked up by its hash.
CREATE TABLE deeplake_console.device_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_code_hash bytea NOT NULL UNIQUE,
  user_code_hash bytea NOT NULL UNIQUE,
  client_name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Seconds a client must wait between polls; raised by 5 on each slow_down (RFC 8628 3.5).
  interval_seconds integer NOT NULL,
  last_polled_at timestamptz,
  -- used: the approved request's token was handed out, so the code works no more.
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'denied', 'used')),
  user_id uuid REFERENCES deeplake_console.users (id) ON DELETE CASCADE,
  org_id text REFERENCES deeplake_console.organizations (id) ON DELETE SET NULL,
  decided_at timestamptz
);
CREATE INDEX device_codes_expires_at ON deeplake_console.device_codes (expires_at);
