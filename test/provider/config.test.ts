import { afterEach, describe, expect, it } from "vitest";
import { errorFromStatus } from "../../provider/client/errors";
import { ConfigError, configure, resetConfiguration, resolveCredentials, validateEnvUrl } from "../../provider/config";

const token = "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM";

afterEach(() => resetConfiguration());

describe("provider config", () => {
  it("prefers stack config over environment variables", () => {
    configure({ get: (k) => ({ "dynatrace-tokens:envUrl": "https://abc.live.dynatrace.com/", "dynatrace-tokens:apiToken": token })[k] });
    expect(resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://other.example.com" })).toMatchObject({
      envUrl: "https://abc.live.dynatrace.com",
      source: "stack config dynatrace-tokens:apiToken",
      configKey: "dynatrace-tokens:apiToken",
    });
  });

  it("falls back to DYNATRACE_ENV_URL / DYNATRACE_API_TOKEN", () => {
    expect(resolveCredentials(undefined, { DYNATRACE_ENV_URL: "http://127.0.0.1:9/api", DYNATRACE_API_TOKEN: token }).envUrl).toBe("http://127.0.0.1:9");
  });

  it("selects an entry of dynatrace-tokens:environments, given as JSON text or an object", () => {
    const environments = { prod: { envUrl: "https://prod.example.com/e/abc", apiToken: token } };
    configure({ get: (k) => (k === "dynatrace-tokens:environments" ? JSON.stringify(environments) : undefined) });
    expect(resolveCredentials("prod").envUrl).toBe("https://prod.example.com/e/abc");
    configure({ get: (k) => (k === "dynatrace-tokens:environments" ? environments : undefined) });
    expect(resolveCredentials("prod").source).toBe("stack config dynatrace-tokens:environments.prod.apiToken");
  });

  it("reads the @pulumiverse/dynatrace bridge's keys after its own, and the environment last", () => {
    const bridge = { "dynatrace:dtEnvUrl": "https://bridge.live.dynatrace.com", "dynatrace:dtApiToken": token };
    configure({ get: (k) => (bridge as Record<string, string>)[k] });
    expect(resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://env.example.com", DYNATRACE_API_TOKEN: token })).toMatchObject({
      envUrl: "https://bridge.live.dynatrace.com",
      source: "stack config dynatrace:dtApiToken",
    });
    configure({ get: (k) => ({ ...bridge, "dynatrace-tokens:envUrl": "https://own.live.dynatrace.com" } as Record<string, string>)[k] });
    expect(resolveCredentials(undefined, {}).envUrl).toBe("https://own.live.dynatrace.com");
    resetConfiguration();
    expect(resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://env.example.com", DYNATRACE_API_TOKEN: token })).toMatchObject({
      source: "the DYNATRACE_API_TOKEN environment variable",
      configKey: undefined,
    });
  });

  it("refuses the 0.1.0 keys alone, naming the new keys and the commands that move them (#9)", () => {
    const old: Record<string, unknown> = {
      "dynatrace:envUrl": "https://abc.live.dynatrace.com",
      "dynatrace:apiToken": token,
      "dynatrace:environments": { prod: { envUrl: "https://p.example.com", apiToken: token } },
    };
    configure({ get: (k) => old[k] });
    let error: ConfigError | undefined;
    try {
      resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://env.example.com", DYNATRACE_API_TOKEN: token });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.code).toBe("CONFIG_MOVED");
    expect(error!.message).toContain("dynatrace:envUrl → dynatrace-tokens:envUrl");
    expect(error!.message).toContain('pulumi config set dynatrace-tokens:envUrl "$(pulumi config get dynatrace:envUrl)"');
    expect(error!.message).toContain('pulumi config set --secret dynatrace-tokens:apiToken "$(pulumi config get dynatrace:apiToken)"');
    expect(error!.message).toContain("pulumi config set --secret --path 'dynatrace-tokens:environments.prod.apiToken'");
    expect(error!.message).toContain("pulumi config rm dynatrace:environments");
    // `pulumi up` first: refresh/destroy would run 0.1.0's stub, which may not find the package (day-two-life e2e).
    expect(error!.message).toContain("Then run `pulumi up`, before any refresh or destroy");
    expect(error!.message).not.toContain("--run-program");
    expect(error!.message).not.toContain(token.split(".")[2]);
    expect(() => resolveCredentials("prod")).toThrow(/dynatrace:environments → dynatrace-tokens:environments/);
    // Once the new keys are set, leftovers of the old ones are no longer in the way.
    configure({ get: (k) => ({ ...old, "dynatrace-tokens:envUrl": "https://abc.live.dynatrace.com", "dynatrace-tokens:apiToken": token })[k] });
    expect(resolveCredentials(undefined, {}).envUrl).toBe("https://abc.live.dynatrace.com");
  });

  it("explains how to set missing credentials", () => {
    expect(() => resolveCredentials(undefined, {})).toThrow(/pulumi config set dynatrace-tokens:envUrl .*dynatrace:dtEnvUrl.*DYNATRACE_ENV_URL/);
    expect(() => resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://a.example.com" })).toThrow(/pulumi config set --secret dynatrace-tokens:apiToken/);
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

  it("names where a rejected (401) credential came from, and that refresh/destroy use the copy from the last up (#9)", () => {
    configure({ get: (k) => ({ "dynatrace-tokens:environments": { prod: { envUrl: "https://p.example.com", apiToken: token } } })[k] });
    const prod = resolveCredentials("prod");
    const fromConfig = errorFromStatus({
      operation: "read API token",
      status: 401,
      body: "",
      tokenId: "dt0c01.ABC",
      envUrl: prod.envUrl,
      credentialSource: { description: prod.source, configKey: prod.configKey },
    });
    expect(fromConfig.code).toBe("UNAUTHORIZED");
    expect(fromConfig.message).toContain("rejected the API token from stack config dynatrace-tokens:environments.prod.apiToken (401)");
    expect(fromConfig.message).toContain("`pulumi config set --secret --path dynatrace-tokens:environments.prod.apiToken <token>`");
    expect(fromConfig.message).toMatch(/copy of the stack config recorded at the last `pulumi up`, so run `pulumi up` next/);
    expect(fromConfig.message).toContain("`pulumi refresh --run-program`");

    resetConfiguration();
    const fromEnv = resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://a.example.com", DYNATRACE_API_TOKEN: token });
    const envError = errorFromStatus({
      operation: "delete API token",
      status: 401,
      body: "",
      envUrl: fromEnv.envUrl,
      credentialSource: { description: fromEnv.source, configKey: fromEnv.configKey },
    });
    expect(envError.message).toContain("rejected the API token from the DYNATRACE_API_TOKEN environment variable (401)");
    expect(envError.message).toContain("put it in the DYNATRACE_API_TOKEN environment variable of the shell that runs pulumi");
    expect(envError.message).not.toContain("recorded");
  });

  it("issue 12: a 403 names where the credential came from and how to replace it there, not always `pulumi config set`", () => {
    const missing = { error: { code: 403, message: "Token is missing required scope. Use one of: apiTokens.write (Write API tokens)" } };
    const forbidden = (credentialSource: { description: string; configKey: string | undefined }) =>
      errorFromStatus({ operation: "create API token", status: 403, body: JSON.stringify(missing), envUrl: "https://a.example.com", credentialSource });

    const fromEnv = resolveCredentials(undefined, { DYNATRACE_ENV_URL: "https://a.example.com", DYNATRACE_API_TOKEN: token });
    const envError = forbidden({ description: fromEnv.source, configKey: fromEnv.configKey });
    expect(envError.code).toBe("MISSING_SCOPE");
    expect(envError.message).toContain('the API token from the DYNATRACE_API_TOKEN environment variable needs the scope "apiTokens.write"');
    expect(envError.message).toContain("create a token that has it and put it in the DYNATRACE_API_TOKEN environment variable of the shell that runs pulumi.");
    expect(envError.message).not.toContain("pulumi config set");

    configure({ get: (k) => ({ "dynatrace:dtEnvUrl": "https://b.example.com", "dynatrace:dtApiToken": token })[k] });
    const bridge = resolveCredentials(undefined);
    const bridgeError = forbidden({ description: bridge.source, configKey: bridge.configKey });
    expect(bridgeError.message).toContain("the API token from stack config dynatrace:dtApiToken needs");
    expect(bridgeError.message).toContain("`pulumi config set --secret dynatrace:dtApiToken <token>`");
  });

  // Issue 10: `*.localhost` passed as loopback without a look at what it resolves to.
  it("refuses plain http to *.localhost names, whose address is up to DNS, and says to use 127.0.0.1", () => {
    expect(() => validateEnvUrl("http://emulator.localhost:8080", "dynatrace-tokens:envUrl")).toThrow(
      'dynatrace-tokens:envUrl "http://emulator.localhost:8080" must use https: plain http would send the API token in clear text, and is only allowed to localhost, 127.0.0.1 or [::1] (use http://127.0.0.1:8080 for a local server)',
    );
    expect(validateEnvUrl("https://emulator.localhost:8443/api/", "k")).toBe("https://emulator.localhost:8443");
    expect(validateEnvUrl("http://127.0.0.2:8080", "k")).toBe("http://127.0.0.2:8080");
    expect(validateEnvUrl("http://[::ffff:127.0.0.1]:8080", "k")).toBe("http://[::ffff:7f00:1]:8080");
    for (const url of ["http://localhost.example.com", "http://127.0.0.1.nip.io", "http://[::ffff:10.0.0.1]", "http://0.0.0.0:80", "ftp://localhost"]) {
      expect(() => validateEnvUrl(url, "k"), url).toThrow(/must use https/);
    }
  });
});
