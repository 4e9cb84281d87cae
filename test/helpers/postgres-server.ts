// The starter lives in scripts/ so that benchmarks and .ci can start a throwaway server too.
export { findPostgresBin, startPostgres, type PostgresServer } from '../../scripts/postgres-server.js';
