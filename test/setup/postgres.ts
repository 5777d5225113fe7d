/**
 * With POLICY_TEST_DB=postgres://… (set by .ci/run around a throwaway cluster), the tests' stores
 * are on that server: a data folder's in a schema of its own (POLICY_DB_SCHEMA=per-folder),
 * an ad-hoc index's in a fresh schema (POLICY_SEARCH_ENGINE=postgres). The CLI processes the
 * tests start inherit the same environment.
 */
const url = process.env.POLICY_TEST_DB;
if (url) {
  process.env.POLICY_DB = url;
  process.env.POLICY_DB_SCHEMA = 'per-folder';
  process.env.POLICY_SEARCH_ENGINE = 'postgres';
}
