import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, configure, resetConfiguration, resolveCredentials, validateEnvUrl } from "../../provider/config";

const token = "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM";

afterEach(() => resetConfiguration());

describe("provider config", () => {
  it("prefers stack config over environment variables", () => {
    configure({ get: (k) => ({ "dynatrace:envUrl": "https://abc.live.dynatrace.com/", "dynatrace:apiToken": token })[k] });
    expect(resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://other.example.com" })).toMatchObject({
      envUrl: "https://abc.live.dynatrace.com",
      source: "stack config",
    });
  });

  it("falls back to DYNATRACE_ENV_URL / DYNATRACE_API_TOKEN", () => {
    expect(resolveCredentials(undefined, { DYNATRACE_ENV_URL: "http://127.0.0.1:9/api", DYNATRACE_API_TOKEN: token }).envUrl).toBe("http://127.0.0.1:9");
  });

  it("selects an entry of dynatrace:environments, given as JSON text or an object", () => {
    const environments = { prod: { envUrl: "https://prod.example.com/e/abc", apiToken: token } };
    configure({ get: (k) => (k === "dynatrace:environments" ? JSON.stringify(environments) : undefined) });
    expect(resolveCredentials("prod").envUrl).toBe("https://prod.example.com/e/abc");
    configure({ get: (k) => (k === "dynatrace:environments" ? environments : undefined) });
    expect(resolveCredentials("prod").source).toBe("dynatrace:environments.prod");
  });

  it("explains how to set missing credentials", () => {
    expect(() => resolveCredentials(undefined, {})).toThrow(/pulumi config set dynatrace:envUrl/);
    expect(() => resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://a.example.com" })).toThrow(/pulumi config set --secret dynatrace:apiToken/);
    expect(() => resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://a.example.com", DYNATRACE_API_TOKEN: "nope" })).toThrow(
      /does not look like a Dynatrace access token/,
    );
  });

  it("allows plain http only for loopback addresses", () => {
    expect(validateEnvUrl("http://localhost:8080", "k")).toBe("http://localhost:8080");
    expect(validateEnvUrl("http://[::1]:8080", "k")).toBe("http://[::1]:8080");
    expect(() => validateEnvUrl("http://abc.live.dynatrace.com", "k")).toThrow(ConfigError);
    expect(() => validateEnvUrl("not a url", "k")).toThrow(/is not a URL/);
  });

  // Issue 10: `*.localhost` passed as loopback without a look at what it resolves to.
  it("refuses plain http to *.localhost names, whose address is up to DNS, and says to use 127.0.0.1", () => {
    expect(() => validateEnvUrl("http://emulator.localhost:8080", "dynatrace:envUrl")).toThrow(
      'dynatrace:envUrl "http://emulator.localhost:8080" must use https: plain http would send the API token in clear text, and is only allowed to localhost, 127.0.0.1 or [::1] (use http://127.0.0.1:8080 for a local server)',
    );
    expect(validateEnvUrl("https://emulator.localhost:8443/api/", "k")).toBe("https://emulator.localhost:8443");
    expect(validateEnvUrl("http://127.0.0.2:8080", "k")).toBe("http://127.0.0.2:8080");
    expect(validateEnvUrl("http://[::ffff:127.0.0.1]:8080", "k")).toBe("http://[::ffff:7f00:1]:8080");
    for (const url of ["http://localhost.example.com", "http://127.0.0.1.nip.io", "http://[::ffff:10.0.0.1]", "http://0.0.0.0:80", "ftp://localhost"]) {
      expect(() => validateEnvUrl(url, "k"), url).toThrow(/must use https/);
    }
  });
});
