// Which environment URLs an API token may be sent to — one rule for the provider and the `dt-tokens` CLI.
import { isIP } from "node:net";

/** Why a URL was refused; `message` is a sentence fragment that starts with the quoted value. */
export class EnvUrlError extends Error {
  readonly code: "ENV_URL_INVALID" = "ENV_URL_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "EnvUrlError";
  }
}

/**
 * The environment's base URL without a trailing `/` or `/api`. Only https, or plain http to this machine (the API
 * token travels in a header, readable by anyone on the path): `localhost` and the loopback addresses 127.0.0.0/8 and
 * ::1 qualify. Other names — `*.localhost` included — are refused for http: what they resolve to is up to DNS (most
 * resolvers send `*.localhost` upstream), so a name is no proof the token stays on this machine.
 */
export function normalizeEnvUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new EnvUrlError(`"${value}" is not a URL`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    const hint = url.hostname.endsWith(".localhost") ? ` (use http://127.0.0.1${url.port ? `:${url.port}` : ""} for a local server)` : "";
    throw new EnvUrlError(`"${value}" must use https: plain http would send the API token in clear text, and is only allowed to localhost, 127.0.0.1 or [::1]${hint}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new EnvUrlError(`"${value}" must use https`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new EnvUrlError(`"${value}" must be a plain environment address without query, fragment or user info`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/api$/, "")}`;
}

/** True for `localhost` and loopback IP literals; a name other than `localhost` is never trusted (see above). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1" || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
  return false;
}
