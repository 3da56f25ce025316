/**
 * `sla-clock/global`: the whole library as one self-contained script that defines
 * `globalThis.slaClock`, for hosts without modules: warehouse JavaScript UDFs (Snowflake,
 * BigQuery), a `<script>` tag, `importScripts` in a worker (docs/runtimes.md).
 *
 * Built by tsup as an IIFE with zod inside (tsup.config.ts, `globalBuild`). It assigns the
 * property itself rather than relying on a top-level `var`, which a host that wraps the code in
 * a function (as Snowflake does with a UDF's body) would make a local.
 *
 * @example
 * // after the script has run:
 * slaClock.computeSlaState(ticket, policy, { now: '2026-03-02T09:30:00Z' }).metrics.first_reply.status //=> 'running'
 */
import * as api from './index.js';

(globalThis as { slaClock?: typeof api }).slaClock = Object.freeze({ ...api });
